package org.broadcastallocation.requests;

/**
 * A request's life: SUBMITTED (and again after an amendment), then ALLOCATED or WAITLISTED by the latest round that
 * still speaks for the event (ended, built on the current pins), CONFIRMED when a round is published (or still
 * WAITLISTED, with its reasons); CANCELLED by its organisation or REJECTED by a planner.
 *
 * <p>CONFIRMED is a promise: only its organisation's cancellation or a planner's rejection ends it. No round, however
 * and whenever it ends, writes over a CONFIRMED, CANCELLED or REJECTED request ({@link #awaitsOutcome}).
 */
public enum RequestStatus {
    SUBMITTED, ALLOCATED, WAITLISTED, CONFIRMED, CANCELLED, REJECTED;

    /** A round's outcome may still change it: neither promised nor closed. */
    public boolean awaitsOutcome() {
        return this == SUBMITTED || this == ALLOCATED || this == WAITLISTED;
    }

    /** Open requests take part in the next round. */
    public boolean isOpen() {
        return this != CANCELLED && this != REJECTED;
    }
}
