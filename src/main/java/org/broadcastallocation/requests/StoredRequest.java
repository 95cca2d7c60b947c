package org.broadcastallocation.requests;

import java.time.OffsetDateTime;
import java.util.List;

import org.broadcastallocation.problem.ProblemDocument;

/** A request as stored: the spec's fields, and where it stands. */
public record StoredRequest(
        String eventId,
        ProblemDocument.Request request,
        RequestStatus status,
        List<String> reasons,
        int version,
        OffsetDateTime updatedAt) {

    public String id() {
        return request.id();
    }

    public String organisationId() {
        return request.organisation();
    }
}
