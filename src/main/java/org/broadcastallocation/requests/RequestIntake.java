package org.broadcastallocation.requests;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.common.RequestRejected;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ProblemValidator;
import org.broadcastallocation.problem.RequestRules;
import org.broadcastallocation.problem.Violation;
import org.broadcastallocation.security.Broadcaster;

/**
 * What a submission and an amendment share at the door: the event and organisation a request is checked against, as
 * read for the caller's key, and the spec's request-only rules it must meet.
 */
@Component
class RequestIntake {

    private final Events events;

    RequestIntake(Events events) {
        this.events = events;
    }

    /**
     * The event a request is checked against (its version, and whether a round of it was published), and the
     * organisation the key speaks for.
     */
    record Submitter(ProblemDocument.Event event, int eventVersion, boolean published,
            ProblemDocument.Organisation organisation) {
    }

    /**
     * How the event and organisation are read: as in the last few seconds (the writer makes sure it still holds),
     * afresh and remembered, or just afresh.
     */
    enum Reading { RECENT, REFRESHED, FRESH }

    Submitter submitter(Broadcaster caller, String eventId, Reading reading) {
        if (!caller.eventId().equals(eventId)) {
            throw new NotFound("event " + eventId);
        }
        String organisationId = caller.organisationId();
        var found = (switch (reading) {
            case RECENT -> events.recentWithOrganisation(eventId, organisationId);
            case REFRESHED -> events.refreshedWithOrganisation(eventId, organisationId);
            case FRESH -> events.findWithOrganisation(eventId, organisationId);
        }).orElseThrow(() -> new NotFound("event " + eventId));
        // Only a publish moves the pins' version.
        return new Submitter(found.stored().event(), found.stored().version(), found.stored().pinsVersion() > 0,
                found.organisation()
                .orElseThrow(() -> new NotFound("organisation " + caller.organisationId())));
    }

    /**
     * The request-only rules of the spec, exactly as an imported document's requests are checked, and an id its
     * address can carry (else it would be stored and never reached again).
     */
    static void check(Submitter submitter, ProblemDocument.Request request) {
        var violations = new ArrayList<>(new RequestRules(submitter.event(), List.of(submitter.organisation()))
                .violations(request));
        ProblemValidator.unaddressable("requests[" + request.id() + "]", request.id()).ifPresent(violations::add);
        if (!violations.isEmpty()) {
            throw new RequestRejected(violations);
        }
    }

    /** The organisation is the key's, and the time of submission the server's: neither is the client's to say. */
    static ProblemDocument.Request asSubmittedBy(Broadcaster caller, String id, ProblemDocument.Request body,
            OffsetDateTime submittedAt) {
        return new ProblemDocument.Request(id, caller.organisationId(), body.type(), body.window(),
                body.durationMinutes(), body.crewSize(), body.vehicle(), body.requiredFeatures(),
                body.preferredFeatures(), body.preferredStart(), body.needsFibre(), body.priority(), submittedAt);
    }

    /** A note may run over lines; nothing else a person writes holds control characters or runs on for pages. */
    static void refuseUnlessText(String item, String field, String value, int maxLength, boolean lines) {
        String checked = lines ? value.replaceAll("[\\r\\n\\t]", " ") : value;
        if (value.length() > maxLength) {
            throw new RequestRejected(List.of(new Violation(item, field, "is " + value.length()
                    + " characters long, more than " + maxLength)));
        }
        if (ProblemValidator.hasControl(checked)) {
            throw new RequestRejected(List.of(new Violation(item, field, "contains control characters")));
        }
    }

    /** Submitted (or amended: taken at its own time) after the event's deadline: a late application. */
    static boolean late(ProblemDocument.Event event, ProblemDocument.Request request) {
        return event.requestDeadline() != null && request.submittedAt().isAfter(event.requestDeadline());
    }

    static ZoneId zone(ProblemDocument.Event event) {
        return ZoneId.of(event.timeZone());
    }

    static String actor(Broadcaster caller) {
        return "key:" + caller.eventId() + "/" + caller.organisationId();
    }
}
