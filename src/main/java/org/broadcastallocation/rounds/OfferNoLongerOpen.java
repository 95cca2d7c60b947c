package org.broadcastallocation.rounds;

import org.broadcastallocation.common.Conflict;

/** An answer to an offer whose request was cancelled or rejected meanwhile: there is nothing left to accept. */
public class OfferNoLongerOpen extends Conflict {
    OfferNoLongerOpen(String message) {
        super(message);
    }
}
