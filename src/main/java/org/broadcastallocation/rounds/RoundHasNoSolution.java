package org.broadcastallocation.rounds;

import org.broadcastallocation.common.Conflict;

/** A report asked of a round that has not saved a solution yet. */
public class RoundHasNoSolution extends Conflict {
    RoundHasNoSolution(String message) {
        super(message);
    }
}
