package org.broadcastallocation.allocation;

/**
 * A resource and a time {@code [start, end)} on it, in minutes from the event start: what a booking's two planning
 * variables (resource, start) amount to, and the unit of a request's candidates, of pins and of previous rounds.
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
