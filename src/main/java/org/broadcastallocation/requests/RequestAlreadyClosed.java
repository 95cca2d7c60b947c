package org.broadcastallocation.requests;

import org.broadcastallocation.common.Conflict;

/** A change refused: the request was cancelled or rejected already, and a closed request stays closed. */
public class RequestAlreadyClosed extends Conflict {
    RequestAlreadyClosed(String message) {
        super(message);
    }
}
