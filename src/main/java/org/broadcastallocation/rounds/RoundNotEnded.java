package org.broadcastallocation.rounds;

import org.broadcastallocation.common.Conflict;

/** Publishing refused: the round has not ended. */
public class RoundNotEnded extends Conflict {
    RoundNotEnded(String message) {
        super(message);
    }
}
