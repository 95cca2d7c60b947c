package org.broadcastallocation.catalogue;

import org.broadcastallocation.common.Conflict;

/** A change of what the rules read of a resource refused: published allocations are promised on it as it is. */
public class ResourceHoldsPublishedAllocations extends Conflict {
    ResourceHoldsPublishedAllocations(String message) {
        super(message);
    }
}
