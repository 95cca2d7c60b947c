package org.broadcastallocation.requests;

/**
 * A request's life: SUBMITTED, then ALLOCATED or WAITLISTED by a round (unpublished), CONFIRMED when a round is
 * published (or still WAITLISTED, with its reasons); CANCELLED by its organisation or REJECTED by a planner.
 */
public enum RequestStatus {
    SUBMITTED, ALLOCATED, WAITLISTED, CONFIRMED, CANCELLED, REJECTED;

    /** Open requests take part in the next round. */
    public boolean isOpen() {
        return this != CANCELLED && this != REJECTED;
    }
}
