package org.broadcastallocation.problem;

/**
 * One thing wrong with a document: the item ({@code requests[r-17]}), the field ({@code window.from}) and what is
 * wrong, in words a planner can act on.
 */
public record Violation(String item, String field, String message) {

    @Override
    public String toString() {
        return item + (field == null || field.isEmpty() ? "" : "." + field) + ": " + message;
    }
}
