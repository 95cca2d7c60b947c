package org.broadcastallocation.allocation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import ai.timefold.solver.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * Runs Timefold on an {@link AllocationPlan} with the project's solver configuration, reporting each new best score
 * as it is found.
 */
public final class AllocationSolver {

    public static final String CONFIG_FILE = "solver-config/solver-config.xml";
    /** Requests from which a plan is solved with tabu search rather than late acceptance (see {@link #forSize}). */
    public static final int LARGE = 1_000;

    private final SolverConfig config;
    private final boolean warmStart;

    public AllocationSolver(SolverConfig config) {
        this(config, true);
    }

    private AllocationSolver(SolverConfig config, boolean warmStart) {
        this.config = config;
        this.warmStart = warmStart;
    }

    /** The same configuration, every round started cold as before 3 December 2026: the benchmarks' baseline. */
    public AllocationSolver withoutWarmStart() {
        return new AllocationSolver(config, false);
    }

    public static AllocationSolver withProjectConfig() {
        return new AllocationSolver(loadConfig());
    }

    /** {@value #CONFIG_FILE} in the working directory when present, else the copy in the jar. */
    public static SolverConfig loadConfig() {
        Path file = Path.of(CONFIG_FILE);
        if (Files.isRegularFile(file)) {
            return SolverConfig.createFromXmlFile(file.toFile());
        }
        try (InputStream packaged = AllocationSolver.class.getClassLoader().getResourceAsStream(CONFIG_FILE)) {
            if (packaged == null) {
                throw new IllegalStateException("No solver configuration: " + CONFIG_FILE + " is missing");
            }
            return SolverConfig.createFromXmlInputStream(packaged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SolverConfig config() {
        return config;
    }

    /** How long a round solves: {@code timeLimit} when given, else the configured spent limit (null: none). */
    public Duration spentLimit(Duration timeLimit) {
        if (timeLimit != null || config.getTerminationConfig() == null) {
            return timeLimit;
        }
        return config.getTerminationConfig().getSpentLimit();
    }

    /**
     * Solves in place and returns the best plan found. {@code timeLimit} replaces the configured spent limit when
     * given; the solver also stops at once when the plan's score bound is reached, since nothing can improve then.
     */
    public AllocationPlan solve(AllocationPlan plan, Duration timeLimit, Consumer<BestScore> onNewBest) {
        return solve(plan, timeLimit, onNewBest, null);
    }

    /** The same, taking CP-SAT's allocations of the plan's parts from {@code bound} when they serve more. */
    public AllocationPlan solve(AllocationPlan plan, Duration timeLimit, Consumer<BestScore> onNewBest,
            BoundSearch bound) {
        var solver = buildSolver(plan, timeLimit);
        if (bound != null) {
            bound.seed(solver);
        }
        // Timed here, not by the event: Timefold restarts its clock when it takes a problem change (CP-SAT's part).
        long started = System.nanoTime();
        solver.addEventListener(event -> onNewBest.accept(new BestScore((System.nanoTime() - started) / 1_000_000,
                (HardMediumSoftScore) event.getNewBestScore(), event.isNewBestSolutionInitialized())));
        return settle(solver.solve(plan));
    }

    /**
     * A later round's best with the moves that serve nothing undone ({@link ReturnToPrevious}), its score
     * recomputed: what a solver built by {@link #buildSolver} returns should go through here too.
     */
    public AllocationPlan settle(AllocationPlan best) {
        if (ReturnToPrevious.settle(best) > 0) {
            best.setScore(new Scoring(config).score(best));
        }
        return best;
    }

    /**
     * A solver for this plan, for callers that must be able to stop it early. A plan with nothing but its pins
     * placed starts from the previous round's placements ({@link WarmStart}); they are placed here, in the plan.
     */
    public Solver<AllocationPlan> buildSolver(AllocationPlan plan, Duration timeLimit) {
        if (warmStart) {
            WarmStart.fromPrevious(plan);
        }
        var termination = config.getTerminationConfig() == null
                ? new TerminationConfig() : config.getTerminationConfig().copyConfig();
        if (timeLimit != null) {
            termination.setSpentLimit(timeLimit);
            if (termination.getUnimprovedSpentLimit() != null
                    && termination.getUnimprovedSpentLimit().compareTo(timeLimit) > 0) {
                termination.setUnimprovedSpentLimit(timeLimit);
            }
        }
        termination.setBestScoreLimit(ScoreBound.of(plan).toString());
        return SolverFactory.<AllocationPlan>create(forSize(config, plan).withTerminationConfig(termination))
                .buildSolver();
    }

    /**
     * A copy of the configuration for a plan of this size. From {@value #LARGE} requests on, the local search
     * accepts by entity tabu instead of late acceptance: the benchmark (docs/performance-log.md, 2026-11-30) found tabu best on
     * 1,200 and 3,000 requests (31,179 against 36,154 unserved weight on 3,000 at 10 s) and late acceptance best on
     * the Hague size (2,872 against 2,941).
     */
    public static SolverConfig forSize(SolverConfig config, AllocationPlan plan) {
        var copy = config.copyConfig();
        if (plan.getBookings().size() >= LARGE && copy.getPhaseConfigList() != null) {
            copy.getPhaseConfigList().stream().filter(LocalSearchPhaseConfig.class::isInstance)
                    .map(LocalSearchPhaseConfig.class::cast)
                    .forEach(localSearch -> localSearch
                            .withAcceptorConfig(new LocalSearchAcceptorConfig().withEntityTabuRatio(0.05))
                            .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(500)));
        }
        return copy;
    }

    /** A new best solution's score, for progress reporting. */
    public record BestScore(long millis, HardMediumSoftScore score, boolean initialized) {
    }
}
