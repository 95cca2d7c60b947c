package org.broadcastallocation.rounds;

import org.broadcastallocation.common.Conflict;

/** An answer came after the offer's expiry: the place is no longer the broadcaster's to take. */
public class OfferAlreadyExpired extends Conflict {

    public OfferAlreadyExpired(String message) {
        super(message);
    }
}
