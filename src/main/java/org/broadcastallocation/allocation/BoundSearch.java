package org.broadcastallocation.allocation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import ai.timefold.solver.core.api.solver.Solver;
import com.google.ortools.Loader;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverSolutionCallback;
import com.google.ortools.sat.CpSolverStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.broadcastallocation.problem.ResourceType;


/**
 * The bound of one round, searched beside its solver and within its time: the capacity-time floor at once, then
 * CP-SAT's on a thread of its own, stopped when the round ends ({@link #finish}) if it has not proved the optimum
 * by then. What CP-SAT finds on the way is handed to the round's solver ({@link #seed}, {@link ExactSeed}). Where
 * OR-Tools' native library does not load (a platform the jar carries no natives for), the round keeps the
 * capacity-time floor and its solver runs alone.
 */
public final class BoundSearch {

    private static final Logger log = LoggerFactory.getLogger(BoundSearch.class);
    /** CP-SAT threads beside a round's solver (which takes one core); measured in docs/performance-log.md. */
    public static final int WORKERS = 1;
    private static final long STOP_GRACE_MILLIS = 500;
    /** How often at most an improving CP-SAT solution of a part is handed over while it searches. */
    private static final long OFFER_EVERY_MILLIS = 500;
    /** At most this long for a part's cheapest allocation once its optimum is proved (see {@link #cheapest}). */
    private static final double SOFT_SECONDS = 2;
    /** Requests from which the exact search waits for the solver's construction (see {@link #start}). */
    public static final int WAITS_FROM = 1_000;
    /** Whether CP-SAT's native library loaded in this process; null until first tried. */
    private static volatile Boolean nativeLoaded;

    private final MediumBound relaxed;
    private final AtomicReference<CpSolver> exact = new AtomicReference<>();
    private volatile boolean stopped;
    private volatile MediumBound known;
    private final CompletableFuture<MediumBound> searched;
    /** Each part's latest allocation from CP-SAT: offered to the solver (see {@link #seed}), CP-SAT's own answer. */
    private final Map<Set<ResourceType>, ExactSeed> found = new LinkedHashMap<>();
    /** Offered, and not yet taken up by the solver: offered once at a time. */
    private final Set<ExactSeed> offered = new HashSet<>();
    private Solver<AllocationPlan> seeded;
    /** What the solver's best serves, per type, as of its last new best; null until it has one. */
    private Map<ResourceType, Long> bestServed;

    private BoundSearch(MediumBound relaxed, CompletableFuture<MediumBound> searched) {
        this.relaxed = relaxed;
        this.known = relaxed;
        this.searched = searched;
    }

    /** The relaxation alone: for first-come reports and where no exact search is wanted. */
    public static MediumBound relaxed(AllocationPlan plan) {
        return CapacityTimeBound.of(plan);
    }

    /**
     * Starts the search on the plan as it is now (its candidates and pins, which the solver never changes), for at
     * most {@code limit}; {@code workers} CP-SAT threads.
     */
    public static BoundSearch start(AllocationPlan plan, Duration limit, int workers) {
        return start(plan, limit, workers, CompletableFuture.completedFuture(null));
    }

    /**
     * The same, but from {@value #WAITS_FROM} requests on the exact search begins only once {@code constructed}
     * completes (the solver's first complete allocation): at 3,000 requests on a busy 2-core machine, CP-SAT
     * beside the construction heuristic delayed the first feasible allocation from 12.7 s to 20 s and left the
     * round's medium at -45,112 instead of -36,225 (docs/performance-log.md, 2026-12-03).
     */
    public static BoundSearch start(AllocationPlan plan, Duration limit, int workers,
            CompletableFuture<?> constructed) {
        var relaxed = CapacityTimeBound.of(plan);
        if (limit == null || limit.isZero() || !nativeLibraryLoads()) {
            return new BoundSearch(relaxed, CompletableFuture.completedFuture(relaxed));
        }
        var search = new CompletableFuture<MediumBound>();
        var bound = new BoundSearch(relaxed, search);
        long deadline = System.nanoTime() + limit.toNanos();
        boolean waits = plan.getBookings().size() >= WAITS_FROM;
        var thread = new Thread(() -> {
            try {
                if (waits) {
                    constructed.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
                bound.searchParts(plan, deadline, workers);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                log.debug("No construction within the round's time: the capacity-time bound stands");
            } catch (RuntimeException | LinkageError e) {
                log.warn("CP-SAT bound failed, the capacity-time bound stands: {}", e.toString());
            } finally {
                search.complete(bound.known);
            }
        }, "bound-search");
        thread.setDaemon(true);
        thread.start();
        return bound;
    }

    /**
     * Each part's floor starts as the relaxation's over its types and becomes CP-SAT's once that part is searched:
     * the sum holds at every moment, so a round stopped halfway still reports the parts already proved.
     */
    private void searchParts(AllocationPlan plan, long deadline, int workers) {
        // Built here, not on the caller's thread: at 3,000 requests the model takes a while, and the round's solver
        // should not wait for it. The plan's candidates and pins never change.
        var parts = new ArrayList<>(ExactBound.parts(plan));
        // Small parts first: most are proved in milliseconds and leave their time to the large ones.
        parts.sort(Comparator.comparingInt(ExactBound.Part::requests));
        var relaxedByType = CapacityTimeBound.unservedByType(plan);
        long[] floors = new long[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            floors[i] = parts.get(i).types().stream().mapToLong(type -> relaxedByType.getOrDefault(type, 0L)).sum();
        }
        long unservable = CapacityTimeBound.unservable(plan);
        int proved = 0;
        for (int i = 0; i < parts.size() && !stopped; i++) {
            var part = parts.get(i);
            var solver = new CpSolver();
            double seconds = Math.max(0.05, (deadline - System.nanoTime()) / 1e9 / (parts.size() - i));
            // Linearisation level 2 with one worker: STANDUP_OUTDOOR of the Hague sample proved in 1.2 s, against
            // 29 s at the default level (13 s with two workers, either level).
            solver.getParameters().setMaxTimeInSeconds(seconds).setNumWorkers(workers).setLinearizationLevel(2);
            exact.set(solver);
            long partStarted = System.nanoTime();
            // A first round's part is handed over as CP-SAT improves it, not only at its end: a large part is
            // rarely proved, and its last answer would come as the round ends, too late for the solver to use.
            // A later round's waits for the optimum and its cheapest allocation (see cheapest), so as to move little.
            boolean laterRound = part.choices().stream().anyMatch(choice -> choice.booking().previousPlacement() != null);
            CpSolverStatus status = laterRound ? solver.solve(part.model())
                    : solver.solve(part.model(), new Improving(plan, part));
            log.debug("bound of {} ({} requests): {} in {} ms, served at most {}", part.name(), part.requests(),
                    status, (System.nanoTime() - partStarted) / 1_000_000, solver.bestObjectiveBound());
            switch (status) {
                case OPTIMAL -> {
                    floors[i] = part.weight() - Math.round(solver.objectiveValue());
                    proved++;
                }
                case FEASIBLE -> {
                    // Without a proof CP-SAT still knows that no allocation serves more than its bound.
                    long servedAtMost = Math.min(part.weight(), (long) Math.floor(solver.bestObjectiveBound() + 1e-6));
                    floors[i] = Math.max(floors[i], part.weight() - servedAtMost);
                }
                // UNKNOWN: stopped before it knew anything (its bound then reads 0). INFEASIBLE: pins that break
                // rules between themselves, so no allocation is feasible there. Either way the relaxation stands.
                default -> { }
            }
            known = new MediumBound(unservable + Arrays.stream(floors).sum(), "cp-sat").tighter(relaxed);
            if (status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE) {
                var solved = status == CpSolverStatus.OPTIMAL && !stopped
                        ? cheapest(part, solver, Math.min(SOFT_SECONDS, seconds / 2), workers) : solver;
                var seed = ExactSeed.of(plan, part, solved::booleanValue);
                if (seed != null) {
                    offer(seed);
                }
            }
        }
        known = new MediumBound(unservable + Arrays.stream(floors).sum(),
                proved == parts.size() ? "exact" : "cp-sat").tighter(relaxed);
    }

    /**
     * From now on the solver is offered CP-SAT's allocation of each part it solves (those solved already too)
     * whenever that serves more of the part than the solver's best: the solver takes it as a problem change and
     * searches on from it. Whenever, not once: a new best may serve more in all but less in one part (the parts'
     * medium levels are independent, the best's is their sum), so a part taken early could be lost again, and on
     * generated instance 103 one run in three ended 8 short of the optimum that way. Call before
     * {@code solver.solve}: the offers wait for its first best solution, when it is solving.
     */
    public void seed(Solver<AllocationPlan> solver) {
        solver.addEventListener(event -> {
            var served = new EnumMap<ResourceType, Long>(ResourceType.class);
            for (Booking booking : event.getNewBestSolution().getBookings()) {
                if (booking.assigned()) {
                    served.merge(booking.type(), (long) booking.weight(), Long::sum);
                }
            }
            synchronized (this) {
                bestServed = served;
                handOver();
            }
        });
        synchronized (this) {
            seeded = solver;
        }
    }

    private synchronized void offer(ExactSeed seed) {
        found.put(seed.types(), seed);
        handOver();
    }

    private void handOver() {
        if (seeded == null || bestServed == null) {
            return;
        }
        for (ExactSeed seed : found.values()) {
            long solverServes = seed.types().stream().mapToLong(type -> bestServed.getOrDefault(type, 0L)).sum();
            if (seed.served() > solverServes && offered.add(seed)) {
                log.debug("CP-SAT's allocation of {} serves {} against the solver's {}: offered", seed.types(),
                        seed.served(), solverServes);
                seeded.addProblemChange((working, director) -> {
                    try {
                        seed.doChange(working, director);
                    } finally {
                        synchronized (this) {
                            offered.remove(seed);
                        }
                    }
                });
            }
        }
    }

    /**
     * The part's optimum proved, its cheapest allocation at that optimum ({@link ExactBound.Part#preferCheapest}),
     * within {@code seconds}, so that a later round's seed keeps the previous round's placements where it can. The
     * first solution when nothing better comes in time.
     */
    private CpSolver cheapest(ExactBound.Part part, CpSolver proved, double seconds, int workers) {
        // Only for a later round: there an arbitrary optimum would move what the previous round placed, which
        // the stability rule then pulls back slowly. In a first round it would only delay the proofs of the parts
        // after it (on a busy machine the last, largest part was proved seconds later), and the local search
        // settles timing and preferences as well from any optimum.
        if (part.choices().stream().noneMatch(choice -> choice.booking().previousPlacement() != null)) {
            return proved;
        }
        part.preferCheapest(Math.round(proved.objectiveValue()), proved::booleanValue);
        var solver = new CpSolver();
        solver.getParameters().setMaxTimeInSeconds(Math.max(0.05, seconds)).setNumWorkers(workers);
        exact.set(solver);
        var status = solver.solve(part.model());
        log.debug("cheapest allocation of {} at its optimum: {}, soft {}", part.name(), status,
                status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE ? solver.objectiveValue() : "-");
        return status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE ? solver : proved;
    }

    /**
     * CP-SAT's own allocation, as far as it got: each part it solved as its model's solution on real resources, the
     * rest unassigned, placed on {@code fresh} (a plan of the same problem, nothing placed but its pins). The
     * benchmarks' yardstick; call after {@link #awaitEnd}.
     */
    public synchronized AllocationPlan exactAllocation(AllocationPlan fresh) {
        for (ExactSeed seed : found.values()) {
            fresh.getBookings().stream().filter(booking -> seed.types().contains(booking.type()) && !booking.pinned())
                    .forEach(booking -> booking.place(seed.placements().get(booking.id())));
        }
        return fresh;
    }

    /** Hands each improving solution of a part over, at most every {@value #OFFER_EVERY_MILLIS} ms. */
    private final class Improving extends CpSolverSolutionCallback {

        private final AllocationPlan plan;
        private final ExactBound.Part part;
        private long lastOffer;

        Improving(AllocationPlan plan, ExactBound.Part part) {
            this.plan = plan;
            this.part = part;
        }

        @Override
        public void onSolutionCallback() {
            long now = System.nanoTime();
            if (lastOffer != 0 && now - lastOffer < OFFER_EVERY_MILLIS * 1_000_000) {
                return;
            }
            lastOffer = now;
            var seed = ExactSeed.of(plan, part, this::booleanValue);
            if (seed != null) {
                offer(seed);
            }
        }
    }

    /** The best floor known now, without waiting. */
    public MediumBound current() {
        return known;
    }

    /** Waits for the search to end by itself (proved, or at its limit): for tests and benchmarks. */
    public MediumBound awaitEnd() {
        return searched.join();
    }

    /**
     * Stops the search if it still runs and returns the best floor known. Waits a moment for the part being
     * searched to stop, never longer: on a busy machine CP-SAT's presolve can take seconds to notice, and the
     * round's end must not wait for a bound.
     */
    public MediumBound finish() {
        stopped = true;
        var solver = exact.get();
        if (solver != null && !searched.isDone()) {
            solver.stopSearch();
        }
        try {
            return searched.get(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return known;
        } catch (ExecutionException | TimeoutException e) {
            return known;
        }
    }

    /** Loads OR-Tools' native library once; false (and the relaxation only) where it cannot load. */
    public static boolean nativeLibraryLoads() {
        if (nativeLoaded == null) {
            synchronized (BoundSearch.class) {
                if (nativeLoaded == null) {
                    boolean off = Boolean.getBoolean("broadcast.bound.relaxationOnly");
                    try {
                        if (!off) {
                            Loader.loadNativeLibraries();
                        }
                        nativeLoaded = !off;
                    } catch (RuntimeException | LinkageError e) {
                        log.warn("OR-Tools' native library does not load here ({}): reports carry the"
                                + " capacity-time bound only", e.toString());
                        nativeLoaded = false;
                    }
                }
            }
        }
        return nativeLoaded;
    }
}
