package org.broadcastallocation.common;

/** An optimistic-concurrency write against an older version than the one stored. */
public class StaleVersion extends RuntimeException {

    private final boolean fromIfMatch;

    public StaleVersion(String what, long expected, long actual, boolean fromIfMatch) {
        super(what + " is at version " + actual + ", not " + expected + "; read it again and retry");
        this.fromIfMatch = fromIfMatch;
    }

    /** A stale {@code If-Match} is a failed precondition (412); a stale body version a conflict (409). */
    public boolean fromIfMatch() {
        return fromIfMatch;
    }
}
