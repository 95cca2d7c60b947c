package org.broadcastallocation.rounds;

import org.broadcastallocation.common.Conflict;

/** Publishing refused: the round was published already. */
public class RoundAlreadyPublished extends Conflict {
    RoundAlreadyPublished(String message) {
        super(message);
    }
}
