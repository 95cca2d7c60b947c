package org.broadcastallocation.rounds;

/**
 * A FULL round snapshots every open request; a FILL round is planned at once when a promised place is freed (or a
 * late request arrives): what is published stays pinned and only the waitlisted and late compete for what is free.
 * A published fill offers its places ({@link Offers}) rather than confirming them.
 */
public enum RoundKind {
    FULL, FILL
}
