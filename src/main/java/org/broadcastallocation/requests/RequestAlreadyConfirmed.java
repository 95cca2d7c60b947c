package org.broadcastallocation.requests;

import org.broadcastallocation.common.Conflict;

/** An amendment refused: the request is confirmed, a promise; cancel it and submit a new one. */
public class RequestAlreadyConfirmed extends Conflict {
    RequestAlreadyConfirmed(String message) {
        super(message);
    }
}
