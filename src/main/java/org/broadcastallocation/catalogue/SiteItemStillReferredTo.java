package org.broadcastallocation.catalogue;

import org.broadcastallocation.common.Conflict;

/**
 * A site item's removal refused: the resource, zone or organisation is still referred to by published allocations or
 * requests.
 */
public class SiteItemStillReferredTo extends Conflict {
    SiteItemStillReferredTo(String message) {
        super(message);
    }
}
