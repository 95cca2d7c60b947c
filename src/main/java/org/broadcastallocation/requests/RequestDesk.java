package org.broadcastallocation.requests;

import static org.broadcastallocation.requests.RequestIntake.actor;
import static org.broadcastallocation.requests.RequestIntake.asSubmittedBy;
import static org.broadcastallocation.requests.RequestIntake.check;
import static org.broadcastallocation.requests.RequestIntake.zone;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.broadcastallocation.audit.AuditAction;
import org.broadcastallocation.audit.AuditLog;
import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.common.PreconditionRequired;
import org.broadcastallocation.common.StaleVersion;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.common.JsonColumns;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.Violation;
import org.broadcastallocation.requests.RequestIntake.Reading;
import org.broadcastallocation.security.Broadcaster;

/**
 * Where broadcasters amend and cancel their requests and read them, and planners reject them (a new request comes in
 * through {@link SubmissionDesk}). An amendment is checked at the door with the same request-only rules as a
 * submission; every change is audited in its own transaction.
 */
@Service
public class RequestDesk {

    static final int MAX_REASON = 1_000;

    /** Facts others act on (a freed place starts a fill), told once the transaction commits. */
    private final ApplicationEventPublisher facts;
    private final Events events;
    private final Requests requests;
    private final Pins pins;
    private final AuditLog audit;
    private final RequestIntake intake;
    private final Clock clock;

    RequestDesk(Events events, Requests requests, Pins pins, AuditLog audit, RequestIntake intake, Clock clock,
            ApplicationEventPublisher facts) {
        this.facts = facts;
        this.events = events;
        this.requests = requests;
        this.pins = pins;
        this.audit = audit;
        this.intake = intake;
        this.clock = clock;
    }

    /**
     * @param ifMatch     the version from {@code If-Match}, or null
     * @param bodyVersion the version in the body, or null; one of the two is required
     */
    @Transactional
    public RequestView amend(Broadcaster caller, String eventId, String id, ProblemDocument.Request body,
            Integer ifMatch, Integer bodyVersion) {
        var submitter = intake.submitter(caller, eventId, Reading.FRESH);
        var event = submitter.event();
        var current = own(caller, eventId, id);
        Integer expected = ifMatch != null ? ifMatch : bodyVersion;
        if (expected == null) {
            throw new PreconditionRequired("send If-Match with the request's version (its ETag), or \"version\"");
        }
        if (expected != current.version()) {
            throw new StaleVersion("request " + id, expected, current.version(), ifMatch != null);
        }
        if (current.status().holdsPlace()) {
            throw new RequestAlreadyConfirmed("request " + id + " is " + current.status().name().toLowerCase()
                    + "; cancel it and submit a new one to change it");
        }
        if (!current.status().isOpen()) {
            throw new RequestAlreadyClosed("request " + id + " is " + current.status() + " and can no longer change");
        }
        var amended = asSubmittedBy(caller, id, body, submittedAtOfAmendment(event, current, id));
        check(submitter, amended);
        if (!requests.update(eventId, amended, expected, RequestStatus.SUBMITTED)) {
            throw new StaleVersion("request " + id, expected, expected + 1, ifMatch != null);
        }
        var stored = requests.find(eventId, id).orElseThrow();
        if (RequestIntake.late(event, amended) && publishedByNow(submitter, eventId)) {
            facts.publishEvent(new LateRequestAmended(eventId, zone(event), stored.request(), stored.version()));
        }
        var after = RequestView.of(stored, zone(event));
        audit.record(actor(caller), AuditAction.AMEND, eventId, "request", id, RequestView.of(current, zone(event)), after);
        return after;
    }

    /**
     * Whether a round of the event is published, as of the amendment's write: read again when the door read none,
     * so that a publish committed meanwhile (which saw the request before its amendment) does not leave the late
     * amendment untold, as the submission writer checks a late submission read unpublished again.
     */
    private boolean publishedByNow(RequestIntake.Submitter submitter, String eventId) {
        return submitter.published() || events.find(eventId).map(stored -> stored.pinsVersion() > 0).orElse(false);
    }

    /**
     * Before the deadline an amendment keeps the request's time, and so its place. After it, an amendment is a new
     * late application (else "late applications will not be considered" could be bypassed by amending an early
     * request): refused while late intake is closed, and taken at its own time while it is open, so that it counts
     * as late (priority 3) and ranks after the organisation's requests on time. Cancelling stays open to all.
     */
    private OffsetDateTime submittedAtOfAmendment(ProblemDocument.Event event, StoredRequest current, String id) {
        var now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        if (event.requestDeadline() == null || !now.isAfter(event.requestDeadline())) {
            return current.request().submittedAt();
        }
        if (!event.lateIntakeOpen()) {
            throw new LateIntakeClosed(new Violation("requests[" + id + "]", "submittedAt", "amended " + now
                    + ", after the deadline " + event.requestDeadline() + ", and late intake is closed (an amendment"
                    + " after the deadline is a new late application; the request stands as it was, and may still"
                    + " be cancelled)"));
        }
        return now;
    }

    @Transactional
    public RequestView cancel(Broadcaster caller, String eventId, String id) {
        var event = eventOf(caller, eventId);
        var current = own(caller, eventId, id);
        // The place as it was, for whoever hears that it is given back.
        Optional<Pins.Pin> place = current.status() != RequestStatus.CONFIRMED ? Optional.empty()
                : pins.ofOrganisation(eventId, caller.organisationId()).stream()
                        .filter(pin -> pin.requestId().equals(id)).findFirst();
        var after = close(event, current, RequestStatus.CANCELLED, actor(caller), null);
        place.ifPresent(pin -> facts.publishEvent(new AllocationReleased(eventId, id, caller.organisationId(),
                pin.resourceId(), pin.start(), pin.end())));
        return after;
    }

    @Transactional
    public RequestView reject(String actor, String eventId, String id, String reason) {
        if (reason != null) {
            RequestIntake.refuseUnlessText("body", "reason", reason, MAX_REASON, true);
        }
        var event = events.require(eventId).event();
        var current = requests.find(eventId, id).orElseThrow(() -> new NotFound("request " + id));
        boolean open = current.status().isOpen();
        var after = close(event, current, RequestStatus.REJECTED, actor, reason);
        if (open) {
            facts.publishEvent(new RequestRejectedByPlanner(eventId, id, current.organisationId(), reason, actor));
        }
        return after;
    }

    public RequestView get(Broadcaster caller, String eventId, String id) {
        var zone = zoneOf(caller, eventId);
        var stored = caller == null ? requests.find(eventId, id).orElseThrow(() -> new NotFound("request " + id))
                : own(caller, eventId, id);
        return RequestView.of(stored, zone);
    }

    /** The caller's own requests, or (staff: caller null) all of the event's. */
    public List<RequestView> list(Broadcaster caller, String eventId) {
        var zone = zoneOf(caller, eventId);
        var stored = caller == null ? requests.ofEvent(eventId)
                : requests.ofOrganisation(eventId, caller.organisationId());
        return stored.stream().map(request -> RequestView.of(request, zone)).toList();
    }

    /** The zone answers are written in; another event than the key's is "not found", as an unknown one is. */
    private ZoneId zoneOf(Broadcaster caller, String eventId) {
        if (caller != null && !caller.eventId().equals(eventId)) {
            throw new NotFound("event " + eventId);
        }
        return events.timeZone(eventId).orElseThrow(() -> new NotFound("event " + eventId));
    }

    private RequestView close(ProblemDocument.Event event, StoredRequest current, RequestStatus status, String actor,
            String reason) {
        if (current.status() == status) {
            return RequestView.of(current, zone(event));
        }
        if (!current.status().isOpen()) {
            throw new RequestAlreadyClosed("request " + current.id() + " is already " + current.status());
        }
        if (!requests.setStatus(event.id(), current.id(), current.version(), status)) {
            throw new StaleVersion("request " + current.id(), current.version(), current.version() + 1, false);
        }
        pins.release(event.id(), current.id());
        // A broadcaster's cancellation is planned again at once; a planner who rejects is at the desk and decides.
        if (current.status().holdsPlace() && status == RequestStatus.CANCELLED) {
            facts.publishEvent(new PlaceFreed(event.id(), current.id(), current.status()));
        }
        var after = RequestView.of(requests.find(event.id(), current.id()).orElseThrow(), zone(event));
        audit.record(actor, closing(status), event.id(), "request", current.id(), RequestView.of(current, zone(event)),
                reason == null ? after : Map.of("request", after, "reason", reason));
        return after;
    }

    private ProblemDocument.Event eventOf(Broadcaster caller, String eventId) {
        if (!caller.eventId().equals(eventId)) {
            throw new NotFound("event " + eventId);
        }
        return events.require(eventId).event();
    }

    /** A request's closing is audited under the status it closes with. */
    private static AuditAction closing(RequestStatus status) {
        return switch (status) {
            case CANCELLED -> AuditAction.CANCELLED;
            case REJECTED -> AuditAction.REJECTED;
            default -> throw new IllegalArgumentException(status + " does not close a request");
        };
    }

    /** Another organisation's request is "not found": its existence is not the caller's business. */
    private StoredRequest own(Broadcaster caller, String eventId, String id) {
        return requests.find(eventId, id).filter(request -> request.organisationId().equals(caller.organisationId()))
                .orElseThrow(() -> new NotFound("request " + id));
    }
}
