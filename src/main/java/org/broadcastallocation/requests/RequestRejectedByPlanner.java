package org.broadcastallocation.requests;

/** A planner rejected a request (reason may be null); raised inside the rejecting transaction. */
public record RequestRejectedByPlanner(String eventId, String requestId, String organisationId, String reason,
        String actor) {
}
