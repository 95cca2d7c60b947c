package org.broadcastallocation.requests;

import java.time.OffsetDateTime;

/**
 * A confirmed allocation was given back by its organisation's cancellation; raised inside the cancelling
 * transaction, with the place as it was.
 */
public record AllocationReleased(String eventId, String requestId, String organisationId, String resourceId,
        OffsetDateTime start, OffsetDateTime end) {
}
