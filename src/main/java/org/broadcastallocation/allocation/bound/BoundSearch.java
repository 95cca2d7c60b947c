package org.broadcastallocation.allocation.bound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import com.google.ortools.Loader;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.broadcastallocation.allocation.AllocationPlan;

/**
 * The bound of one round, searched beside its solver and within its time: the capacity-time floor at once, then
 * CP-SAT's on a thread of its own, stopped when the round ends ({@link #finish}) if it has not proved the optimum
 * by then. Where OR-Tools' native library does not load (a platform the jar carries no natives for), the round
 * keeps the capacity-time floor.
 */
public final class BoundSearch {

    private static final Logger log = LoggerFactory.getLogger(BoundSearch.class);
    /** CP-SAT threads beside a round's solver (which takes one core); measured in docs/performance-log.md. */
    public static final int WORKERS = 1;
    /** Whether CP-SAT's native library loaded in this process; null until first tried. */
    private static volatile Boolean nativeLoaded;

    private final MediumBound relaxed;
    private final AtomicReference<CpSolver> exact = new AtomicReference<>();
    private volatile boolean stopped;
    private final CompletableFuture<MediumBound> searched;

    private BoundSearch(MediumBound relaxed, CompletableFuture<MediumBound> searched) {
        this.relaxed = relaxed;
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
        var relaxed = CapacityTimeBound.of(plan);
        if (limit == null || limit.isZero() || !nativeLibraryLoads()) {
            return new BoundSearch(relaxed, CompletableFuture.completedFuture(relaxed));
        }
        long unservable = plan.getBookings().stream()
                .filter(booking -> !booking.isPinned() && booking.getCandidates().isEmpty())
                .mapToLong(booking -> booking.weight()).sum();
        var search = new CompletableFuture<MediumBound>();
        var bound = new BoundSearch(relaxed, search);
        long deadline = System.nanoTime() + limit.toNanos();
        var thread = new Thread(() -> {
            try {
                // Built here, not on the caller's thread: at 3,000 requests the model takes a while, and the
                // round's solver should not wait for it. The plan's candidates and pins never change.
                var parts = new ArrayList<>(ExactBound.parts(plan));
                // Small parts first: most are proved in milliseconds and leave their time to the large ones.
                parts.sort(Comparator.comparingInt(ExactBound.Part::requests));
                long floor = unservable;
                boolean proved = true;
                for (int i = 0; i < parts.size(); i++) {
                    var part = parts.get(i);
                    var solver = new CpSolver();
                    double seconds = Math.max(0.05, (deadline - System.nanoTime()) / 1e9 / (parts.size() - i));
                    // Linearisation level 2 with one worker: STANDUP_OUTDOOR of the Hague sample proved in 1.2 s, against 29 s
                    // at the default level (13 s with two workers, either level).
                    solver.getParameters().setMaxTimeInSeconds(seconds).setNumWorkers(workers).setLinearizationLevel(2);
                    bound.exact.set(solver);
                    if (bound.stopped) {
                        solver.getParameters().setMaxTimeInSeconds(0.01);
                    }
                    long partStarted = System.nanoTime();
                    CpSolverStatus status = solver.solve(part.model());
                    log.debug("bound of {} ({} requests): {} in {} ms, served at most {}", part.name(),
                            part.requests(), status, (System.nanoTime() - partStarted) / 1_000_000,
                            solver.bestObjectiveBound());
                    if (status == CpSolverStatus.OPTIMAL) {
                        floor += part.weight() - Math.round(solver.objectiveValue());
                    } else if (status == CpSolverStatus.FEASIBLE) {
                        // Without a proof CP-SAT still knows no allocation serves more than its bound.
                        floor += part.weight() - Math.min(part.weight(),
                                (long) Math.floor(solver.bestObjectiveBound() + 1e-6));
                        proved = false;
                    } else if (status == CpSolverStatus.UNKNOWN) {
                        // Stopped before it knew anything (its bound then reads 0): the part adds nothing.
                        proved = false;
                    } else {
                        // Pins that break rules between themselves: no allocation is feasible there; the
                        // relaxation still holds.
                        search.complete(relaxed);
                        return;
                    }
                }
                search.complete(new MediumBound(floor, proved ? "exact" : "cp-sat").tighter(relaxed));
            } catch (RuntimeException | LinkageError e) {
                log.warn("CP-SAT bound failed, the capacity-time bound stands: {}", e.toString());
                search.complete(relaxed);
            }
        }, "bound-search");
        thread.setDaemon(true);
        thread.start();
        return bound;
    }

    /** The best floor known now, without waiting. */
    public MediumBound current() {
        return searched.isDone() ? searched.join() : relaxed;
    }

    /** Waits for the search to end by itself (proved, or at its limit): for tests and benchmarks. */
    public MediumBound awaitEnd() {
        return searched.join();
    }

    /** Stops the search if it still runs and returns the best floor it reached. */
    public MediumBound finish() {
        stopped = true;
        var solver = exact.get();
        if (solver != null && !searched.isDone()) {
            solver.stopSearch();
        }
        try {
            return searched.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return relaxed;
        } catch (ExecutionException e) {
            return relaxed;
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
