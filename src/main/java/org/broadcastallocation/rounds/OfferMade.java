package org.broadcastallocation.rounds;

import java.time.OffsetDateTime;

/** A published fill offered a place to a request ({@code offer.made}); told after the publish commits. */
public record OfferMade(String eventId, String requestId, String organisation, int round, String resource,
        OffsetDateTime start, OffsetDateTime end, OffsetDateTime expiresAt) {
}
