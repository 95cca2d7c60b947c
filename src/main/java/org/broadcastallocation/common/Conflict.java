package org.broadcastallocation.common;

/** The request is well-formed but clashes with the state of things (publish twice, amend a cancelled request). */
public class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
