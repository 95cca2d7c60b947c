package org.broadcastallocation.rounds;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicReference;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import ai.timefold.solver.core.api.solver.Solver;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.allocation.BoundSearch;
import org.broadcastallocation.engine.AllocationEngine;
import org.broadcastallocation.problem.ProblemDocument;

/**
 * Solves the rounds this instance has claimed, one at a time per solver thread; the others wait QUEUED. From its
 * claim on, a round gets a heartbeat every couple of seconds (waiting or solving), so that another instance can tell
 * a live instance from a dead one; while it solves, its best solution is saved as often (on a thread of its own, so
 * that a long save never holds a heartbeat up), so that nothing found is lost if this one dies. What becomes of a
 * round whose instance died is {@link RoundRecovery}'s; how a watcher here hears of a round solved elsewhere,
 * {@link ProgressRelay}'s.
 *
 * <p>Solvers are built by the Spring-free {@link AllocationEngine} (as the command line builds them) and run on this
 * class's own executor, not through Timefold's {@code SolverManager}; the Timefold Spring Boot starter is not used.
 * Why: what a round's solving must survive lives in PostgreSQL, across instances (the claim, the heartbeat, the stop
 * flag another instance sets, the release of a dead instance's rounds, the best saved as it improves), and a
 * {@code SolverManager} job lives in one JVM: its job ids, queue and termination know nothing of another instance,
 * so it would add a second queue beside the claims without taking any of this over. What it would give (a solver
 * per job, best-solution events, early termination) {@code Solver} gives as directly, here and in the command line.
 *
 * <p>Somewhat over 300 lines: the claim, the solver thread, the heartbeat and the saves all share a round's
 * {@code Running} state and its locks, and kept together they can be read as the one protocol they are.
 */
@Component
public class RoundSolving {

    private static final Logger log = LoggerFactory.getLogger(RoundSolving.class);

    /** This instance, as it signs the rounds it claims. */
    private final String instance = UUID.randomUUID().toString();

    private final Rounds rounds;
    private final RoundOutcomes outcomes;
    private final AllocationEngine engine;
    private final RoundProgress progress;
    private final HandPlacements hand;
    private final ApplicationEventPublisher facts;
    private final long heartbeatMillis;
    private final int threads;
    private final ExecutorService solvers;
    /** Guards {@code busy} and {@code waiting}: whether a claimed round solves at once or waits is decided once. */
    private final Object slots = new Object();
    private int busy;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    /** Only heartbeats (one small update for all rounds), so that nothing slow holds one up and a round looks dead. */
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    /** Saving each round's best (a report built and written: long for a large round) at the same pace. */
    private final ScheduledExecutorService savers = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    RoundSolving(Rounds rounds, RoundOutcomes outcomes, AllocationEngine engine, RoundProgress progress,
            HandPlacements hand, ApplicationEventPublisher facts,
            @Value("${broadcast.rounds.solver-threads:1}") int threads,
            @Value("${broadcast.rounds.heartbeat-interval-millis:2000}") long heartbeatMillis) {
        this.rounds = rounds;
        this.outcomes = outcomes;
        this.engine = engine;
        this.progress = progress;
        this.hand = hand;
        this.facts = facts;
        this.heartbeatMillis = heartbeatMillis;
        this.threads = threads;
        this.solvers = Executors.newFixedThreadPool(threads);
    }

    private static final class Running {
        final AtomicBoolean stopRequested = new AtomicBoolean();
        final AtomicReference<AllocationPlan> unsaved = new AtomicReference<>();
        /** The round's snapshot, read once: every heartbeat that saves a best builds its report from it. */
        volatile ProblemDocument problem;
        volatile Solver<AllocationPlan> solver;
        /** The round's bound, searched beside its solver; a best saved meanwhile carries what it knows then. */
        volatile BoundSearch bound;
        volatile long startedNanos = System.nanoTime();
        volatile ScheduledFuture<?> save;
        /** Held while a best or the end is saved: one at a time, the end last. */
        final ReentrantLock saving = new ReentrantLock();
    }

    /**
     * Claims the round for this instance and solves it in the background: SOLVING at once when one of this
     * instance's solvers is free, else QUEUED until one is (a queued round says so, and has its heartbeat). False
     * when the round is not to be had.
     *
     * @throws org.springframework.dao.DuplicateKeyException when another round of the event is queued or solving
     */
    public boolean claimAndStart(String eventId, int number, Duration limit) {
        synchronized (slots) {
            boolean free = busy < threads;
            if (!rounds.claim(eventId, number, instance, free ? RoundStatus.SOLVING : RoundStatus.QUEUED)) {
                return false;
            }
            var round = new Running();
            running.put(RoundProgress.key(eventId, number), round);
            round.save = savers.scheduleWithFixedDelay(() -> saveBest(eventId, number, round), heartbeatMillis,
                    heartbeatMillis, TimeUnit.MILLISECONDS);
            Runnable task = () -> solve(eventId, number, limit, round);
            if (free) {
                busy++;
                solvers.submit(task);
            } else {
                waiting.add(task);
            }
            return true;
        }
    }

    /** A solver is free: the longest-waiting round takes it. */
    private void next() {
        synchronized (slots) {
            var task = waiting.poll();
            if (task != null) {
                solvers.submit(task);
            } else {
                busy--;
            }
        }
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
        try {
            if (round.stopRequested.get() || !rounds.startSolving(eventId, number, instance)) {
                // Stopped before its solver began (while it waited, or between the claim and now), or taken away:
                // its solver never ran, so it is not INTERRUPTED but what it was before the claim.
                rounds.releaseUnstarted(eventId, number, instance);
                rounds.find(eventId, number).ifPresent(left -> progress.end(new RoundProgress.Update(eventId, number,
                        left.status().name(), 0, left.hard(), left.medium(), left.soft())));
                return;
            }
            ProblemDocument problem = rounds.problem(eventId, number);
            round.problem = problem;
            var baseline = engine.firstCome(problem);
            var plan = PlanBuilder.build(problem);
            resume(plan, rounds.allocations(eventId, number));
            // A planner's hand placements stay where the hand put them (pinned within the round).
            RoundPlans.placeByHand(plan, hand.ofRound(eventId, number));
            var constructed = new CompletableFuture<Void>();
            round.bound = BoundSearch.start(plan, engine.solver().spentLimit(limit), BoundSearch.WORKERS,
                    constructed);
            round.solver = engine.solver().buildSolver(plan, limit);
            round.bound.seed(round.solver);
            round.startedNanos = System.nanoTime();
            round.solver.addEventListener(event -> {
                if (event.isNewBestSolutionInitialized()) {
                    constructed.complete(null);
                }
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
            var best = engine.solver().settle(round.solver.solve(plan));
            var status = round.stopRequested.get() ? RoundStatus.STOPPED : RoundStatus.SOLVED;
            var report = engine.reports().build(problem, best, number, status.name(), "optimise", millis(round),
                    baseline, round.bound.finish());
            boolean ended;
            round.saving.lock();
            try {
                round.unsaved.set(null);
                ended = outcomes.ended(eventId, number, instance, status, report, problem);
            } finally {
                round.saving.unlock();
            }
            if (!ended) {
                log.warn("Round {} of {} ended here but was no longer this instance's (interrupted meanwhile):"
                        + " its end is not recorded", number, eventId);
                return;
            }
            log.info("Round {} of {} {}: {}", number, eventId, status, report.score());
            progress.end(new RoundProgress.Update(eventId, number, status.name(), report.solvingMillis(),
                    report.score().hard(), report.score().medium(), report.score().soft()));
            facts.publishEvent(new RoundEnded(eventId, number, status, report.score().feasible()));
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
            // First: whatever else fails here, the round stops beating, so recovery can end a round left unwritten.
            running.remove(key);
            round.save.cancel(false);
            if (round.bound != null) {
                round.bound.finish();
            }
            MDC.clear();
            next();
        }
    }

    /**
     * Every round of this instance says it is alive, in one statement; then each learns whether someone (on any
     * instance) asked it to stop, or whether it was taken away (recovery released it): either way its solver stops.
     */
    @PostConstruct
    void startBeating() {
        heartbeats.scheduleWithFixedDelay(this::beat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        if (running.isEmpty()) {
            return;
        }
        try {
            rounds.heartbeat(instance, running.keySet());
            var claimed = rounds.claimedBy(instance);
            running.forEach((key, round) -> {
                Boolean stop = claimed.get(key);
                if ((stop == null && round.solver != null) || Boolean.TRUE.equals(stop)) {
                    round.stopRequested.set(true);
                    if (round.solver != null) {
                        round.solver.terminateEarly();
                    }
                }
            });
        } catch (RuntimeException e) {
            log.warn("Heartbeat failed: {}", e.getMessage());
        }
    }

    /** The best solution, if it changed since the last save. */
    private void saveBest(String eventId, int number, Running round) {
        try {
            MDC.put("event", eventId);
            MDC.put("round", String.valueOf(number));
            // Never wait for a round that is ending (it may wait for the event's lock): this one thread saves for
            // every round of the instance.
            if (round.saving.tryLock()) {
                try {
                    var best = round.unsaved.getAndSet(null);
                    if (best != null) {
                        rounds.saveBest(eventId, number, instance, engine.reports().build(round.problem, best,
                                number, RoundStatus.SOLVING.name(), "optimise", millis(round), null,
                                round.bound.current()));
                    }
                } finally {
                    round.saving.unlock();
                }
            }
        } catch (RuntimeException e) {
            log.warn("Saving the best of round {} of {} failed: {}", number, eventId, e.getMessage());
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
            var placed = byRequest.get(booking.id());
            if (placed == null || booking.pinned()) {
                continue;
            }
            int start = timeline.minutes(placed.start());
            booking.candidates().stream()
                    .filter(candidate -> candidate.resource().id().equals(placed.resourceId())
                            && candidate.start() == start)
                    .findFirst().ifPresent(booking::place);
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
        savers.shutdownNow();
    }
}
