package org.broadcastallocation.catalogue;

import org.broadcastallocation.common.Conflict;

/** An import refused: an event with its id exists already. */
public class EventAlreadyExists extends Conflict {
    EventAlreadyExists(String message) {
        super(message);
    }
}
