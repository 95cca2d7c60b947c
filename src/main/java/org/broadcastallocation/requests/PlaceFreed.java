package org.broadcastallocation.requests;

/**
 * A place that was promised or offered is free again: its request was cancelled by its organisation, or its offer
 * declined or expired. Published in the transaction that freed it; a fill is planned once it commits.
 */
public record PlaceFreed(String eventId, String requestId, RequestStatus was) {
}
