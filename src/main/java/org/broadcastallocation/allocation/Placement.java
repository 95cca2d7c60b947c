package org.broadcastallocation.allocation;

/**
 * The planning value: a resource and a time {@code [start, end)} on it, in minutes from the event start. One
 * variable carries both so that a move never leaves a request with a resource but no valid start, and requests
 * with the same window share placements (so swaps between them are possible).
 */
public record Placement(PlanResource resource, int start, int end) {

    public boolean overlaps(Placement other) {
        return start < other.end && other.start < end;
    }

    @Override
    public String toString() {
        return resource.id() + "@" + start + "-" + end;
    }
}
