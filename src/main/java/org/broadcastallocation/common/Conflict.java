package org.broadcastallocation.common;

/**
 * The request is well-formed but clashes with the state of things (HTTP 409). Abstract: each clash is thrown as the
 * fact it is ({@code RoundAlreadyPublished}, {@code RequestAlreadyClosed}), so a reader of a throw knows what happened.
 */
public abstract class Conflict extends RuntimeException {
    protected Conflict(String message) {
        super(message);
    }
}
