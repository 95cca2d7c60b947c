package org.broadcastallocation.rounds;

import org.broadcastallocation.common.Conflict;

/** Publishing refused: the round breaks hard rules. */
public class RoundBreaksHardRules extends Conflict {
    RoundBreaksHardRules(String message) {
        super(message);
    }
}
