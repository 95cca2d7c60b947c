package org.broadcastallocation.rounds;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import ai.timefold.solver.core.api.solver.Solver;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.engine.AllocationEngine;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.report.AllocationReport;
import org.broadcastallocation.requests.RequestStatus;
import org.broadcastallocation.requests.Requests;

/**
 * Solves the rounds this instance has claimed, one at a time per core it may use. While a round solves, its best
 * solution and a heartbeat are written every couple of seconds, so that another instance can tell a live solve from
 * a dead one and so that nothing found is lost if this one dies.
 */
@Component
public class RoundSolving {

    private static final Logger log = LoggerFactory.getLogger(RoundSolving.class);

    /** This instance, as it signs the rounds it claims. */
    private final String instance = UUID.randomUUID().toString();

    private final Rounds rounds;
    private final Requests requests;
    private final AllocationEngine engine;
    private final RoundProgress progress;
    private final int heartbeatTimeout;
    private final ExecutorService solvers;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    public RoundSolving(Rounds rounds, Requests requests, AllocationEngine engine, RoundProgress progress,
            @Value("${broadcast.rounds.solver-threads:1}") int threads,
            @Value("${broadcast.rounds.heartbeat-timeout-seconds:30}") int heartbeatTimeout) {
        this.rounds = rounds;
        this.requests = requests;
        this.engine = engine;
        this.progress = progress;
        this.heartbeatTimeout = heartbeatTimeout;
        this.solvers = Executors.newFixedThreadPool(threads);
    }

    private static final class Running {
        final AtomicBoolean stopRequested = new AtomicBoolean();
        final AtomicReference<AllocationPlan> unsaved = new AtomicReference<>();
        /** The round's snapshot, read once: every heartbeat that saves a best builds its report from it. */
        volatile ProblemDocument problem;
        volatile Solver<AllocationPlan> solver;
        volatile long startedNanos = System.nanoTime();
    }

    /** Solves a round this instance has just claimed, in the background. */
    public void start(String eventId, int number, Duration limit) {
        var round = new Running();
        running.put(RoundProgress.key(eventId, number), round);
        solvers.submit(() -> solve(eventId, number, limit, round));
    }

    /** Stops a round solved here at once; the best found stands. False when it is not solved here. */
    public boolean stopLocally(String eventId, int number) {
        var round = running.get(RoundProgress.key(eventId, number));
        if (round == null) {
            return false;
        }
        round.stopRequested.set(true);
        if (round.solver != null) {
            round.solver.terminateEarly();
        }
        return true;
    }

    private void solve(String eventId, int number, Duration limit, Running round) {
        MDC.put("event", eventId);
        MDC.put("round", String.valueOf(number));
        String key = RoundProgress.key(eventId, number);
        var beat = heartbeats.scheduleWithFixedDelay(() -> beat(eventId, number, round), 2, 2, TimeUnit.SECONDS);
        try {
            ProblemDocument problem = rounds.problem(eventId, number);
            round.problem = problem;
            var baseline = engine.firstCome(problem);
            var plan = PlanBuilder.build(problem);
            resume(plan, rounds.allocations(eventId, number));
            round.solver = engine.solver().buildSolver(plan, limit);
            round.startedNanos = System.nanoTime();
            round.solver.addEventListener(event -> {
                var score = (HardMediumSoftScore) event.getNewBestScore();
                round.unsaved.set(event.getNewBestSolution());
                progress.best(new RoundProgress.Update(eventId, number, "SOLVING", millis(round), score.hardScore(),
                        score.mediumScore(), score.softScore()));
            });
            if (round.stopRequested.get()) {
                round.solver.terminateEarly();
            }
            log.info("Solving round {} of {}: {} requests, at most {}", number, eventId, plan.getBookings().size(),
                    limit);
            var best = round.solver.solve(plan);
            beat.cancel(false);
            var status = round.stopRequested.get() ? RoundStatus.STOPPED : RoundStatus.SOLVED;
            var report = engine.reports().build(problem, best, number, status.name(), "optimise", millis(round),
                    baseline);
            synchronized (round) {
                round.unsaved.set(null);
                rounds.saveBest(eventId, number, instance, report);
                recordOutcomes(eventId, report);
                rounds.finish(eventId, number, instance, status);
            }
            log.info("Round {} of {} {}: {}", number, eventId, status, report.score());
            progress.end(new RoundProgress.Update(eventId, number, status.name(), report.solvingMillis(),
                    report.score().hard(), report.score().medium(), report.score().soft()));
        } catch (RuntimeException e) {
            log.error("Round {} of {} failed", number, eventId, e);
            try {
                rounds.finish(eventId, number, instance, RoundStatus.FAILED);
            } catch (RuntimeException databaseAway) {
                // Its heartbeat stops with this thread: the recovery finds it INTERRUPTED, its last best saved.
                log.warn("Round {} of {} could not be marked FAILED: {}", number, eventId,
                        databaseAway.getMessage());
            }
            progress.end(new RoundProgress.Update(eventId, number, RoundStatus.FAILED.name(), millis(round), null,
                    null, null));
        } finally {
            beat.cancel(false);
            running.remove(key);
            MDC.clear();
        }
    }

    /** Heartbeat, the stop flag (set by any instance), and the best solution if it changed. */
    private void beat(String eventId, int number, Running round) {
        try {
            MDC.put("event", eventId);
            MDC.put("round", String.valueOf(number));
            if (rounds.heartbeat(eventId, number, instance)) {
                round.stopRequested.set(true);
                if (round.solver != null) {
                    round.solver.terminateEarly();
                }
            }
            synchronized (round) {
                var best = round.unsaved.getAndSet(null);
                if (best != null) {
                    rounds.saveBest(eventId, number, instance, engine.reports().build(round.problem, best, number,
                            RoundStatus.SOLVING.name(), "optimise", millis(round), null));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Heartbeat of round {} of {} failed: {}", number, eventId, e.getMessage());
        } finally {
            MDC.clear();
        }
    }

    /** A round solved again starts from its best saved solution. */
    private static void resume(AllocationPlan plan, List<Rounds.Placed> saved) {
        if (saved.isEmpty()) {
            return;
        }
        var timeline = plan.getTimeline();
        var byRequest = new HashMap<String, Rounds.Placed>();
        saved.forEach(placed -> byRequest.put(placed.requestId(), placed));
        for (Booking booking : plan.getBookings()) {
            var placed = byRequest.get(booking.getId());
            if (placed == null || booking.isPinned()) {
                continue;
            }
            int start = timeline.minutes(placed.start());
            booking.getCandidates().stream()
                    .filter(candidate -> candidate.resource().id().equals(placed.resourceId())
                            && candidate.start() == start)
                    .findFirst().ifPresent(booking::setPlacement);
        }
    }

    /** Unpublished outcomes: allocated, or waitlisted with the reasons an operator can act on. */
    private void recordOutcomes(String eventId, AllocationReport report) {
        for (var allocation : report.allocations()) {
            if (!allocation.pinned()) {
                requests.setOutcome(eventId, allocation.request(), RequestStatus.ALLOCATED, List.of());
            }
        }
        for (var unassigned : report.unassigned()) {
            requests.setOutcome(eventId, unassigned.request(), RequestStatus.WAITLISTED,
                    unassigned.broadcasterReasons());
        }
    }

    /** Rounds whose instance died are INTERRUPTED, at start-up of any instance and every few seconds after. */
    @Scheduled(initialDelay = 0, fixedDelayString = "${broadcast.rounds.recovery-interval-millis:10000}")
    public void interruptAbandonedRounds() {
        try {
            for (var round : rounds.interruptStale(heartbeatTimeout)) {
                log.warn("Round {} of {} was solving on {} which stopped answering: INTERRUPTED, best saved kept",
                        round.number(), round.eventId(), round.claimedBy());
                progress.end(new RoundProgress.Update(round.eventId(), round.number(), "INTERRUPTED", 0,
                        round.hard(), round.medium(), round.soft()));
            }
        } catch (RuntimeException e) {
            log.warn("Could not check for abandoned rounds: {}", e.getMessage());
        }
    }

    /**
     * A watcher on this instance of a round another instance solves hears it through the database: its saved best
     * (written with each heartbeat) and its end.
     */
    @Scheduled(fixedDelayString = "${broadcast.rounds.relay-interval-millis:1000}")
    public void relayProgressOfOtherInstances() {
        for (String key : progress.watchedKeys()) {
            if (running.containsKey(key)) {
                continue;
            }
            String[] parts = key.split("#");
            try {
                rounds.find(parts[0], Integer.parseInt(parts[1])).ifPresent(round -> {
                    var update = new RoundProgress.Update(round.eventId(), round.number(), round.status().name(),
                            round.solvingMillis() == null ? 0 : round.solvingMillis(), round.hard(), round.medium(),
                            round.soft());
                    if (round.status() == RoundStatus.SOLVING) {
                        progress.bestIfNew(update);
                    } else {
                        progress.end(update);
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Could not relay the progress of round {}: {}", key, e.getMessage());
            }
        }
    }

    public String instance() {
        return instance;
    }

    public boolean solvesHere(String eventId, int number) {
        return running.containsKey(RoundProgress.key(eventId, number));
    }

    private static long millis(Running round) {
        return (System.nanoTime() - round.startedNanos) / 1_000_000;
    }

    @PreDestroy
    void shutdown() {
        running.values().forEach(round -> {
            if (round.solver != null) {
                round.solver.terminateEarly();
            }
        });
        solvers.shutdown();
        heartbeats.shutdownNow();
    }
}
