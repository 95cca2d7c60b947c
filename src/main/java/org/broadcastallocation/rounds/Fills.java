package org.broadcastallocation.rounds;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import org.broadcastallocation.audit.AuditAction;
import org.broadcastallocation.audit.AuditLog;
import org.broadcastallocation.common.Conflict;
import org.broadcastallocation.catalogue.EventCatalogue;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.requests.LateRequestArrived;
import org.broadcastallocation.requests.PlaceFreed;
import org.broadcastallocation.requests.RequestStatus;
import org.broadcastallocation.requests.Requests;

/**
 * A freed place is planned again at once: a {@linkplain RoundKind#FILL fill} round snapshots the event with every
 * published (and offered) place pinned and only the waitlisted and late requests competing for what is free (those
 * that already let an offer go are passed by), and is solved with a few seconds' budget. A planner reviews and
 * publishes it like any round, or the event lets fills publish themselves; a published fill offers its places.
 * When another round of the event holds the solver, the fill waits CREATED and starts when it is free.
 */
@Service
class Fills {

    private static final Logger log = LoggerFactory.getLogger(Fills.class);
    /** Who the audit log names for what a fill does by itself. */
    static final String ACTOR = "fill";

    private final Rounds rounds;
    private final Events events;
    private final EventCatalogue catalogue;
    private final Requests requests;
    private final Offers offers;
    private final RoundSolving solving;
    private final RoundOutcomes outcomes;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final Executor followUps;
    private final int seconds;
    /**
     * Events with a planning asked for and not begun: a burst of late submissions asks once per request, and each
     * planning reads the whole event under its lock; one waiting planning sees them all.
     */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    Fills(Rounds rounds, Events events, EventCatalogue catalogue, Requests requests, Offers offers,
            RoundSolving solving, RoundOutcomes outcomes, AuditLog audit, TransactionTemplate transaction,
            JdbcClient jdbc, @Qualifier("applicationTaskExecutor") Executor followUps,
            @Value("${broadcast.fills.seconds:1}") int seconds) {
        this.followUps = followUps;
        this.rounds = rounds;
        this.events = events;
        this.catalogue = catalogue;
        this.requests = requests;
        this.offers = offers;
        this.solving = solving;
        this.outcomes = outcomes;
        this.audit = audit;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.seconds = seconds;
    }

    /**
     * Once the freeing commits, on a thread of its own: after a commit the committing thread still holds its
     * connection, and what it wrote there would never be committed.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void placeFreed(PlaceFreed freed) {
        planSoon(freed.eventId(), "place of " + freed.requestId() + " (" + freed.was() + ") freed");
    }

    /** Told once its submission committed (outside any transaction of this thread: the writer's own). */
    @TransactionalEventListener(fallbackExecution = true)
    void lateRequestArrived(LateRequestArrived late) {
        planSoon(late.eventId(), "late request " + late.requestId() + " arrived");
    }

    private void planSoon(String eventId, String why) {
        if (!pending.add(eventId)) {
            return;
        }
        followUps.execute(() -> {
            pending.remove(eventId);
            try {
                plan(eventId, why).ifPresent(number -> start(eventId, number));
            } catch (RuntimeException e) {
                // What called for the fill stands whatever happens here; the next fill or full round plans it.
                log.warn("Could not plan a fill of {} ({}): {}", eventId, why, e.getMessage());
            }
        });
    }

    /** A fill that a planner need not publish is published as soon as it ends feasible. */
    @EventListener
    void roundEnded(RoundEnded ended) {
        if (ended.status() != RoundStatus.SOLVED || !ended.feasible()) {
            return;
        }
        var round = rounds.find(ended.eventId(), ended.number()).orElse(null);
        if (round == null || round.kind() != RoundKind.FILL
                || !offers.settings(ended.eventId()).fillsPublishThemselves()) {
            return;
        }
        try {
            outcomes.publish(ended.eventId(), ended.number(), ACTOR);
        } catch (Conflict stale) {
            log.info("Fill {} of {} not published by itself: {}", ended.number(), ended.eventId(),
                    stale.getMessage());
        }
    }

    /** The newest waiting fill of each event, on the current pins, starts once the event's solver is free. */
    @Scheduled(fixedDelayString = "${broadcast.fills.retry-interval-millis:2000}")
    void startWaitingFills() {
        try {
            jdbc.sql("""
                    select r.event_id, max(r.number) from round r join event e on e.id = r.event_id
                    where r.kind = 'FILL' and r.status = 'CREATED' and r.pins_version = e.pins_version
                      and not exists (select 1 from round o where o.event_id = r.event_id
                                      and o.status in ('QUEUED', 'SOLVING'))
                    group by r.event_id""")
                    .query((row, index) -> Map.entry(row.getString(1), row.getInt(2))).list()
                    .forEach(waiting -> start(waiting.getKey(), waiting.getValue()));
        } catch (RuntimeException e) {
            log.warn("Could not look for waiting fills: {}", e.getMessage());
        }
    }

    /** Creates the fill round, or nothing when no waitlisted or late request could take a freed place. */
    Optional<Integer> plan(String eventId, String why) {
        return transaction.execute(status -> {
            int pinsVersion = events.lockPins(eventId).orElseThrow();
            // Nothing published yet: every request, the late one too, waits for the first full round; a fill then
            // would only take the event's one solver from the planner (and each late submission read the event).
            if (pinsVersion == 0) {
                return Optional.<Integer>empty();
            }
            var problem = snapshot(eventId);
            if (problem.requests().size() == problem.pinned().size()) {
                return Optional.<Integer>empty();
            }
            int number = rounds.create(eventId, ACTOR, Map.of("fill", why), problem, pinsVersion, seconds,
                    RoundKind.FILL);
            audit.record(ACTOR, AuditAction.CREATE_ROUND, eventId, "round", String.valueOf(number), null,
                    Map.of("kind", RoundKind.FILL, "why", why));
            return Optional.of(number);
        });
    }

    private void start(String eventId, int number) {
        try {
            if (solving.claimAndStart(eventId, number, Duration.ofSeconds(seconds))) {
                log.info("Fill {} of {} solving", number, eventId);
            }
        } catch (DuplicateKeyException busy) {
            log.info("Fill {} of {} waits: another round of the event is solving", number, eventId);
        }
    }

    /** The event as it stands, with only the pinned, the waitlisted and the late (not passed over) requests. */
    private ProblemDocument snapshot(String eventId) {
        var current = catalogue.currentProblem(eventId);
        var deadline = current.event().requestDeadline();
        var competing = new HashSet<String>();
        current.pinned().forEach(pin -> competing.add(pin.request()));
        var passedOver = new HashSet<>(offers.passedOver(eventId));
        for (var request : requests.withStatus(eventId, List.of(RequestStatus.WAITLISTED, RequestStatus.SUBMITTED))) {
            OffsetDateTime submitted = request.request().submittedAt();
            boolean late = deadline != null && submitted != null && submitted.isAfter(deadline);
            if ((request.status() == RequestStatus.WAITLISTED || late) && !passedOver.contains(request.id())) {
                competing.add(request.id());
            }
        }
        return new ProblemDocument(current.event(), current.zones(), current.organisations(), current.resources(),
                current.requests().stream().filter(request -> competing.contains(request.id())).toList(),
                current.pinned(), current.previousAllocations().stream()
                        .filter(placement -> competing.contains(placement.request())).toList());
    }
}
