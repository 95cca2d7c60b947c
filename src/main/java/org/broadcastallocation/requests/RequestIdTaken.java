package org.broadcastallocation.requests;

import org.broadcastallocation.common.Conflict;

/** A submission refused: another request of the event has its id. */
public class RequestIdTaken extends Conflict {
    RequestIdTaken(String message) {
        super(message);
    }
}
