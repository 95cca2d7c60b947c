package org.broadcastallocation.rounds;

/** A round solved here ended and its end is recorded (a fill may then publish itself). */
public record RoundEnded(String eventId, int number, RoundStatus status, boolean feasible) {
}
