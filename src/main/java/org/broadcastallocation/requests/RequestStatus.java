package org.broadcastallocation.requests;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A request's life: SUBMITTED (and again after an amendment), then ALLOCATED or WAITLISTED by the latest round that
 * still speaks for the event (ended, built on the current pins), CONFIRMED when a round is published (or still
 * WAITLISTED, with its reasons); CANCELLED by its organisation or REJECTED by a planner.
 *
 * <p>OFFERED is a place a published fill gives a waitlisted (or late) request when a promised place was freed: held
 * for it as a pin, as a confirmation is, until its broadcaster accepts (CONFIRMED), declines or lets the offer expire
 * (WAITLISTED again, out of the fills; the next fill offers the place on). No round writes over an OFFERED request.
 *
 * <p>CONFIRMED is a promise: only its organisation's cancellation or a planner's rejection ends it. No round, however
 * and whenever it ends, writes over a CONFIRMED, CANCELLED or REJECTED request ({@link #awaitsOutcome}).
 */
@Schema(description = "SUBMITTED, then ALLOCATED or WAITLISTED by a round, CONFIRMED when it is published. A place"
        + " freed by a cancellation is planned again at once (a FILL round); a published fill OFFERS its places:"
        + " OFFERED holds the place like a confirmation until the broadcaster accepts (POST"
        + " /api/events/{event}/offers/{request}/accept: CONFIRMED) or declines or lets the offer expire (WAITLISTED"
        + " again; the next fill offers the place on). CANCELLED by the organisation, REJECTED by a planner.")
public enum RequestStatus {
    SUBMITTED, ALLOCATED, WAITLISTED, OFFERED, CONFIRMED, CANCELLED, REJECTED;

    /** A round's outcome may still change it: neither promised, nor offered, nor closed. */
    public boolean awaitsOutcome() {
        return this == SUBMITTED || this == ALLOCATED || this == WAITLISTED;
    }

    /** Holds a pin: a place promised, or offered and not yet answered. */
    public boolean holdsPlace() {
        return this == OFFERED || this == CONFIRMED;
    }

    /** Open requests take part in the next round. */
    public boolean isOpen() {
        return this != CANCELLED && this != REJECTED;
    }
}
