package org.broadcastallocation.requests;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.broadcastallocation.events.LocalTimes;
import org.broadcastallocation.problem.ProblemDocument;

/** A request as its organisation (or staff) sees it: the spec's fields, its status, why it waits, its version. */
public record RequestView(
        @JsonUnwrapped ProblemDocument.Request request,
        RequestStatus status,
        List<String> reasons,
        int version,
        OffsetDateTime updatedAt) {

    public static RequestView of(StoredRequest stored, ZoneId zone) {
        return new RequestView(LocalTimes.request(stored.request(), zone), stored.status(), stored.reasons(),
                stored.version(), LocalTimes.at(stored.updatedAt(), zone));
    }
}
