package org.broadcastallocation.requests;

import java.time.ZoneId;

import org.broadcastallocation.problem.ProblemDocument;

/**
 * A request amended after its event's deadline (late intake open) once a round of the event was published: for staff
 * a late request like a late submission, since an amendment after the deadline is a new late application that missed
 * the plan. Raised inside the amendment's transaction, so that what listeners write commits with it or not at all.
 *
 * @param request the request as amended (its new submission time)
 * @param version the request's version after the amendment
 */
public record LateRequestAmended(String eventId, ZoneId eventZone, ProblemDocument.Request request, int version) {
}
