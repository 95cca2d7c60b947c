package org.broadcastallocation.rounds;

import org.broadcastallocation.common.Conflict;

/** A change to a round refused because the round was solved, stopped or published between its read and its write. */
public class RoundChangedMeanwhile extends Conflict {
    RoundChangedMeanwhile(String message) {
        super(message);
    }
}
