package org.broadcastallocation.common;

/** Something named in the path does not exist, or is not the caller's to see (another organisation's request). */
public class NotFound extends RuntimeException {
    public NotFound(String what) {
        super(what + " not found");
    }
}
