package org.broadcastallocation.problem;

import java.util.List;
import java.util.stream.Collectors;

/** A problem document refused whole, with every bad item listed. */
public class InvalidProblemException extends RuntimeException {

    private final transient List<Violation> violations;

    public InvalidProblemException(List<Violation> violations) {
        super(violations.size() + " problem(s) in the document:\n"
                + violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
