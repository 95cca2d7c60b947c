package org.broadcastallocation.requests;

import java.time.ZoneId;
import java.util.List;

import org.broadcastallocation.problem.ProblemDocument;

/**
 * Late requests (submitted after their event's deadline, once a round of it was published) written by one group
 * commit: raised once per batch, inside the batch's transaction, so that what listeners write commits with the
 * requests or not at all. Listeners must stay cheap: every submission of the batch waits for them.
 */
public record LateRequestsWritten(List<LateRequest> requests) {

    /** One late request as submitted (times as given), its event and the event's zone. */
    public record LateRequest(String eventId, ZoneId eventZone, ProblemDocument.Request request) {
    }
}
