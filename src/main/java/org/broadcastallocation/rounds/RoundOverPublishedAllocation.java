package org.broadcastallocation.rounds;

import org.broadcastallocation.common.Conflict;

/** Publishing refused: the round would place a request over an allocation published since it was built. */
public class RoundOverPublishedAllocation extends Conflict {
    RoundOverPublishedAllocation(String message) {
        super(message);
    }
}
