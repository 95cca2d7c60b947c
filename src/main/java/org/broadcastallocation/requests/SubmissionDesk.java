package org.broadcastallocation.requests;

import static org.broadcastallocation.requests.RequestIntake.actor;
import static org.broadcastallocation.requests.RequestIntake.asSubmittedBy;
import static org.broadcastallocation.requests.RequestIntake.check;
import static org.broadcastallocation.requests.RequestIntake.zone;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import org.broadcastallocation.common.RequestRejected;
import org.broadcastallocation.common.JsonColumns;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.requests.RequestIntake.Reading;
import org.broadcastallocation.security.Broadcaster;

/**
 * Where broadcasters hand in new requests, answered asynchronously: each is checked at the door in the caller's
 * thread, then written in a group commit with whatever other submissions are waiting ({@link SubmissionWriter}).
 * Whatever its outcome calls for next (a stored answer, another attempt read afresh) runs on Spring Boot's task pool.
 */
@Service
public class SubmissionDesk {

    static final int MAX_IDEMPOTENCY_KEY = 100;

    private final RequestIntake intake;
    private final IdempotencyKeys idempotency;
    private final SubmissionWriter writer;
    private final Clock clock;
    /** Where a submission's rare second steps run (they read the database): Spring Boot's task pool. */
    private final Executor followUps;
    private final ApplicationEventPublisher facts;

    SubmissionDesk(RequestIntake intake, IdempotencyKeys idempotency, SubmissionWriter writer, Clock clock,
            @Qualifier("applicationTaskExecutor") Executor followUps, ApplicationEventPublisher facts) {
        this.facts = facts;
        this.intake = intake;
        this.idempotency = idempotency;
        this.writer = writer;
        this.clock = clock;
        this.followUps = followUps;
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
            RequestIntake.refuseUnlessText("header", "Idempotency-Key", idempotencyKey, MAX_IDEMPOTENCY_KEY, false);
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
        var submitter = intake.submitter(caller, eventId, attempt == 1 ? Reading.RECENT : Reading.REFRESHED);
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
        // The deadline is the one checked: the writer refuses a submission checked against an older event version
        // (or read unpublished, when it is late and a round was published since).
        boolean late = RequestIntake.late(submitter.event(), request);
        var submission = new Requests.Submission(eventId, request, idempotencyKey, json, actor(caller),
                submitter.eventVersion(), submitter.organisation().kind(), zone(submitter.event()),
                late && submitter.published());
        return writer.submit(submission).thenCompose(outcome -> switch (outcome) {
            case ADDED -> {
                // A late request may be fitted at once by a fill (rounds listen); it is committed by now.
                if (late) {
                    facts.publishEvent(new LateRequestArrived(eventId, request.id()));
                }
                yield CompletableFuture.completedFuture(new Submitted(201, request.id(), json));
            }
            // By this key's first submission (a retry), or by another request.
            case ID_TAKEN -> CompletableFuture.supplyAsync(() -> {
                var earlier = idempotencyKey == null ? null : replayOrNull(caller, eventId, idempotencyKey);
                if (earlier == null) {
                    throw new RequestIdTaken("request " + request.id() + " exists already");
                }
                return earlier;
            }, followUps);
            case CHECKED_AGAINST_OLD -> attempt == 3
                    ? CompletableFuture.failedFuture(new EventKeptChanging("the event's settings kept changing while"
                            + " request " + request.id() + " was submitted; submit it again"))
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
                .orElseThrow(() -> new SubmissionStillInProgress("a submission with this Idempotency-Key is still in"
                        + " progress"));
        return new Submitted(answer.status(), answer.requestId(), answer.body());
    }
}
