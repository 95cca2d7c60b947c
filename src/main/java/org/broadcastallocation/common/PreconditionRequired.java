package org.broadcastallocation.common;

/** A write that must say which version it changes, and did not (HTTP 428). */
public class PreconditionRequired extends RuntimeException {
    public PreconditionRequired(String message) {
        super(message);
    }
}
