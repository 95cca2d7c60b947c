package org.broadcastallocation.promises;

/** The service's promises, as checked after every step. */
enum Invariant {
    PROMISE_KEPT("a CONFIRMED request stays CONFIRMED at its pinned resource and start until its organisation"
            + " cancels it or a planner rejects it"),
    PIN_FITS("every pin belongs to a CONFIRMED (or, offered by a fill, OFFERED) request and fits the request as it is now (type, window, duration,"
            + " capacity)"),
    NO_OVERLAP("no two pins overlap on a resource"),
    PUBLISH_SERIALISED("of two rounds built on the same pins, one publishes and the other is refused as stale (409)"),
    STATUS_FROM_CURRENT_ROUND("a request's status reflects only the latest current round, never a stale or"
            + " interrupted one; a request amended after a round's snapshot is not confirmed by that round"),
    INTERRUPTED_ONLY_IF_DEAD("only a round whose solver died is INTERRUPTED (one waiting for the solver is QUEUED)"),
    ROUND_ENDS("a round being solved ends: SOLVED or STOPPED when its instance lives (not FAILED, not forever),"
            + " INTERRUPTED when it died"),
    NO_5XX("no call answers 5xx (nor fails to answer while its instance lives)");

    final String promise;

    Invariant(String promise) {
        this.promise = promise;
    }

    /** One promise broken, in words a person can check against the database. */
    record Broken(Invariant invariant, String detail) {
        @Override
        public String toString() {
            return invariant + ": " + detail;
        }
    }
}
