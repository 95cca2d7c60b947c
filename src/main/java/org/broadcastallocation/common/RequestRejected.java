package org.broadcastallocation.common;

import java.util.List;

import org.broadcastallocation.problem.Violation;

/** A request (or document) refused at the door by the spec's request-only rules, every reason listed. */
public class RequestRejected extends RuntimeException {

    private final transient List<Violation> violations;

    public RequestRejected(List<Violation> violations) {
        super(violations.size() + " problem(s): " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
