package org.broadcastallocation.rounds;

import org.broadcastallocation.common.Conflict;

/** Stopping refused: the round is not solving or queued. */
public class RoundNotSolving extends Conflict {
    RoundNotSolving(String message) {
        super(message);
    }
}
