package org.broadcastallocation.rounds;

/**
 * A round was published: its allocations are now promises. Raised inside the publishing transaction, so that
 * whoever listens writes what it must (an outbox row) in the same commit, and sees the requests as published.
 */
public record RoundPublished(String eventId, int round, String actor) {
}
