package org.broadcastallocation.rounds;

import org.broadcastallocation.common.Conflict;

/** Solving refused: another round of the event is solving or queued. */
public class AnotherRoundSolving extends Conflict {
    AnotherRoundSolving(String message) {
        super(message);
    }
}
