package org.broadcastallocation.requests;

import org.broadcastallocation.common.Conflict;

/** A submission given up: the event's settings changed under each of its attempts; submitting again will do. */
public class EventKeptChanging extends Conflict {
    EventKeptChanging(String message) {
        super(message);
    }
}
