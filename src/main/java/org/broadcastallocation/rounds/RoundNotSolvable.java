package org.broadcastallocation.rounds;

import org.broadcastallocation.common.Conflict;

/** Solving refused: the round is in a state it cannot be solved from (solved already, published). */
public class RoundNotSolvable extends Conflict {
    RoundNotSolvable(String message) {
        super(message);
    }
}
