package org.broadcastallocation.requests;

/** A request submitted after the deadline, while late intake is open, was committed: a fill may place it at once. */
public record LateRequestArrived(String eventId, String requestId) {
}
