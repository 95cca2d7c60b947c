package org.broadcastallocation.rounds;

/** An offer was not answered in time ({@code offer.expired}): the request is waitlisted, the place offered on. */
public record OfferExpired(String eventId, String requestId, String organisation, int round, String resource) {
}
