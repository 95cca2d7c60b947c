package org.broadcastallocation.rounds;

import org.broadcastallocation.common.Conflict;

/** Publishing refused: the round was built on pins that changed since. */
public class RoundOnStalePins extends Conflict {
    RoundOnStalePins(String message) {
        super(message);
    }
}
