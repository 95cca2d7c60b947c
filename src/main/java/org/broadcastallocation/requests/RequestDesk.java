package org.broadcastallocation.requests;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.broadcastallocation.audit.AuditLog;
import org.broadcastallocation.common.Conflict;
import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.common.PreconditionRequired;
import org.broadcastallocation.common.RequestRejected;
import org.broadcastallocation.common.StaleVersion;
import org.broadcastallocation.events.EventCatalogue;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.events.JsonColumns;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ProblemValidator;
import org.broadcastallocation.problem.Violation;
import org.broadcastallocation.security.Broadcaster;

/**
 * Where broadcasters hand in, amend and cancel requests, and planners reject them. Every request is checked at the
 * door with the same request-only rules as an imported document; every change is audited in its own transaction.
 */
@Service
public class RequestDesk {

    static final int MAX_IDEMPOTENCY_KEY = 100;
    static final int MAX_REASON = 1_000;

    /** Facts others act on (a freed place starts a fill), told once the transaction commits. */
    private final ApplicationEventPublisher facts;
    private final Events events;
    private final EventCatalogue catalogue;
    private final Requests requests;
    private final Pins pins;
    private final IdempotencyKeys idempotency;
    private final AuditLog audit;
    private final SubmissionWriter writer;
    private final Clock clock;
    /** Where a submission's rare second steps run (they read the database): Spring Boot's task pool. */
    private final Executor followUps;

    public RequestDesk(Events events, EventCatalogue catalogue, Requests requests, Pins pins,
            IdempotencyKeys idempotency, AuditLog audit, SubmissionWriter writer, Clock clock,
            @Qualifier("applicationTaskExecutor") Executor followUps, ApplicationEventPublisher facts) {
        this.facts = facts;
        this.writer = writer;
        this.followUps = followUps;
        this.events = events;
        this.catalogue = catalogue;
        this.requests = requests;
        this.pins = pins;
        this.idempotency = idempotency;
        this.audit = audit;
        this.clock = clock;
    }

    /** The answer to a submission: its HTTP status and body (the first answer, for a retried key). */
    public record Submitted(int status, String requestId, String body) {
    }

    /**
     * Checked against the event and the submitter as recently read, then written with whatever other submissions are
     * waiting (see {@link SubmissionWriter}), provided that neither changed in between (else checked again); a retry
     * under a known Idempotency-Key gets the first answer.
     *
     * @return the answer, once the request is committed; a request refused at the door throws at once
     */
    public CompletableFuture<Submitted> submit(Broadcaster caller, String eventId, ProblemDocument.Request body,
            String idempotencyKey) {
        if (idempotencyKey != null) {
            refuseUnlessText("header", "Idempotency-Key", idempotencyKey, MAX_IDEMPOTENCY_KEY, false);
        }
        String id = body.id() == null || body.id().isBlank()
                ? "r-" + UUID.randomUUID().toString().substring(0, 8) : body.id();
        // What PostgreSQL keeps of a timestamp, so the answer is the request exactly as it will read back.
        var request = asSubmittedBy(caller, id, body, OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS));
        return attempt(caller, eventId, request, idempotencyKey, 1).exceptionallyCompose(failure -> {
            // A retry under the same key, racing this one, was written first: its answer is this one's too.
            if (unwrapped(failure) instanceof DuplicateKeyException && idempotencyKey != null) {
                return CompletableFuture.supplyAsync(() -> replay(caller, eventId, idempotencyKey), followUps);
            }
            return CompletableFuture.failedFuture(unwrapped(failure));
        });
    }

    /**
     * Checks the request (in the caller's thread) and hands it to the writer. What its outcome may call for next (a
     * stored answer, another attempt read afresh) reads the database, so it runs on {@code followUps}, never on the
     * writer's thread.
     */
    private CompletableFuture<Submitted> attempt(Broadcaster caller, String eventId, ProblemDocument.Request request,
            String idempotencyKey, int attempt) {
        // Read afresh (and remembered anew) when what was remembered refused it or turned out old.
        var submitter = submitter(caller, eventId, attempt == 1 ? Reading.RECENT : Reading.REFRESHED);
        try {
            check(submitter, request);
        } catch (RequestRejected rejected) {
            if (attempt == 1) {
                // Refused by what was read a few seconds ago: the event may have opened since; ask again.
                return attempt(caller, eventId, request, idempotencyKey, 2);
            }
            // A retry of a submission accepted before the rules changed (deadline passed) gets its answer.
            var earlier = idempotencyKey == null ? null : replayOrNull(caller, eventId, idempotencyKey);
            if (earlier != null) {
                return CompletableFuture.completedFuture(earlier);
            }
            throw rejected;
        }
        String json = JsonColumns.write(RequestView.of(Requests.asSubmitted(eventId, request),
                zone(submitter.event())));
        var submission = new Requests.Submission(eventId, request, idempotencyKey, json, actor(caller),
                submitter.eventVersion(), submitter.organisation().kind());
        return writer.submit(submission).thenCompose(outcome -> switch (outcome) {
            case ADDED -> {
                var deadline = submitter.event().requestDeadline();
                if (deadline != null && request.submittedAt().isAfter(deadline)) {
                    facts.publishEvent(new LateRequestArrived(eventId, request.id()));
                }
                yield CompletableFuture.completedFuture(new Submitted(201, request.id(), json));
            }
            // By this key's first submission (a retry), or by another request.
            case ID_TAKEN -> CompletableFuture.supplyAsync(() -> {
                var earlier = idempotencyKey == null ? null : replayOrNull(caller, eventId, idempotencyKey);
                if (earlier == null) {
                    throw new Conflict("request " + request.id() + " exists already");
                }
                return earlier;
            }, followUps);
            case CHECKED_AGAINST_OLD -> attempt == 3
                    ? CompletableFuture.failedFuture(new Conflict("the event's settings kept changing while request "
                            + request.id() + " was submitted; submit it again"))
                    : CompletableFuture.supplyAsync(() -> attempt(caller, eventId, request, idempotencyKey,
                            attempt + 1), followUps).thenCompose(next -> next);
        });
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private Submitted replayOrNull(Broadcaster caller, String eventId, String idempotencyKey) {
        return idempotency.find(eventId, caller.organisationId(), idempotencyKey)
                .map(answer -> new Submitted(answer.status(), answer.requestId(), answer.body())).orElse(null);
    }

    /** After a concurrent retry won the race on the same key: its answer. */
    private Submitted replay(Broadcaster caller, String eventId, String idempotencyKey) {
        var answer = idempotency.find(eventId, caller.organisationId(), idempotencyKey)
                .orElseThrow(() -> new Conflict("a submission with this Idempotency-Key is still in progress"));
        return new Submitted(answer.status(), answer.requestId(), answer.body());
    }

    /**
     * @param ifMatch     the version from {@code If-Match}, or null
     * @param bodyVersion the version in the body, or null; one of the two is required
     */
    @Transactional
    public RequestView amend(Broadcaster caller, String eventId, String id, ProblemDocument.Request body,
            Integer ifMatch, Integer bodyVersion) {
        var submitter = submitter(caller, eventId, Reading.FRESH);
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
            throw new Conflict("request " + id + " is " + current.status().name().toLowerCase()
                    + "; cancel it and submit a new one to change it");
        }
        if (!current.status().isOpen()) {
            throw new Conflict("request " + id + " is " + current.status() + " and can no longer change");
        }
        var amended = asSubmittedBy(caller, id, body, submittedAtOfAmendment(event, current, id));
        check(submitter, amended);
        if (!requests.update(eventId, amended, expected, RequestStatus.SUBMITTED)) {
            throw new StaleVersion("request " + id, expected, expected + 1, ifMatch != null);
        }
        var after = RequestView.of(requests.find(eventId, id).orElseThrow(), zone(event));
        audit.record(actor(caller), "AMEND", eventId, "request", id, RequestView.of(current, zone(event)), after);
        return after;
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
            throw new RequestRejected(List.of(new Violation("requests[" + id + "]", "submittedAt", "amended " + now
                    + ", after the deadline " + event.requestDeadline() + ", and late intake is closed (an amendment"
                    + " after the deadline is a new late application; the request stands as it was, and may still"
                    + " be cancelled)")));
        }
        return now;
    }

    @Transactional
    public RequestView cancel(Broadcaster caller, String eventId, String id) {
        var event = eventOf(caller, eventId);
        var current = own(caller, eventId, id);
        return close(event, current, RequestStatus.CANCELLED, actor(caller), null);
    }

    @Transactional
    public RequestView reject(String actor, String eventId, String id, String reason) {
        if (reason != null) {
            refuseUnlessText("body", "reason", reason, MAX_REASON, true);
        }
        var event = catalogue.event(eventId).event();
        var current = requests.find(eventId, id).orElseThrow(() -> new NotFound("request " + id));
        return close(event, current, RequestStatus.REJECTED, actor, reason);
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
            throw new Conflict("request " + current.id() + " is already " + current.status());
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
        audit.record(actor, status.name(), event.id(), "request", current.id(), RequestView.of(current, zone(event)),
                reason == null ? after : Map.of("request", after, "reason", reason));
        return after;
    }

    /** A note may run over lines; nothing else a person writes holds control characters or runs on for pages. */
    private static void refuseUnlessText(String item, String field, String value, int maxLength, boolean lines) {
        String checked = lines ? value.replaceAll("[\\r\\n\\t]", " ") : value;
        if (value.length() > maxLength) {
            throw new RequestRejected(List.of(new Violation(item, field, "is " + value.length()
                    + " characters long, more than " + maxLength)));
        }
        if (ProblemValidator.hasControl(checked)) {
            throw new RequestRejected(List.of(new Violation(item, field, "contains control characters")));
        }
    }

    /**
     * The request-only rules of the spec, exactly as an imported document is checked, and an id its address can
     * carry (else it would be stored and never reached again).
     */
    private static void check(Submitter submitter, ProblemDocument.Request request) {
        var document = new ProblemDocument(submitter.event(), List.of(), List.of(submitter.organisation()),
                List.of(), List.of(request), List.of(), List.of());
        var violations = new ArrayList<>(ProblemValidator.validate(document));
        ProblemValidator.unaddressable("requests[" + request.id() + "]", request.id()).ifPresent(violations::add);
        if (!violations.isEmpty()) {
            throw new RequestRejected(violations);
        }
    }

    /** The organisation is the key's, and the time of submission the server's: neither is the client's to say. */
    private static ProblemDocument.Request asSubmittedBy(Broadcaster caller, String id, ProblemDocument.Request body,
            OffsetDateTime submittedAt) {
        return new ProblemDocument.Request(id, caller.organisationId(), body.type(), body.window(),
                body.durationMinutes(), body.crewSize(), body.vehicle(), body.requiredFeatures(),
                body.preferredFeatures(), body.preferredStart(), body.needsFibre(), body.priority(), submittedAt);
    }

    /** The event a request is checked against (and its version), and the organisation the key speaks for. */
    private record Submitter(ProblemDocument.Event event, int eventVersion,
            ProblemDocument.Organisation organisation) {
    }

    /**
     * How the event and organisation are read: as in the last few seconds (the writer makes sure it still holds),
     * afresh and remembered, or just afresh.
     */
    private enum Reading { RECENT, REFRESHED, FRESH }

    private Submitter submitter(Broadcaster caller, String eventId, Reading reading) {
        if (!caller.eventId().equals(eventId)) {
            throw new NotFound("event " + eventId);
        }
        String organisationId = caller.organisationId();
        var found = (switch (reading) {
            case RECENT -> events.recentWithOrganisation(eventId, organisationId);
            case REFRESHED -> events.refreshedWithOrganisation(eventId, organisationId);
            case FRESH -> events.findWithOrganisation(eventId, organisationId);
        }).orElseThrow(() -> new NotFound("event " + eventId));
        return new Submitter(found.stored().event(), found.stored().version(), found.organisation()
                .orElseThrow(() -> new NotFound("organisation " + caller.organisationId())));
    }

    private ProblemDocument.Event eventOf(Broadcaster caller, String eventId) {
        if (!caller.eventId().equals(eventId)) {
            throw new NotFound("event " + eventId);
        }
        return catalogue.event(eventId).event();
    }

    /** Another organisation's request is "not found": its existence is not the caller's business. */
    private StoredRequest own(Broadcaster caller, String eventId, String id) {
        return requests.find(eventId, id).filter(request -> request.organisationId().equals(caller.organisationId()))
                .orElseThrow(() -> new NotFound("request " + id));
    }

    private static ZoneId zone(ProblemDocument.Event event) {
        return ZoneId.of(event.timeZone());
    }

    private static String actor(Broadcaster caller) {
        return "key:" + caller.eventId() + "/" + caller.organisationId();
    }
}
