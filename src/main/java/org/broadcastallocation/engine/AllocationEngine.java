package org.broadcastallocation.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.AllocationSolver;
import org.broadcastallocation.allocation.AllocationSolver.BestScore;
import org.broadcastallocation.allocation.FirstComeFirstServed;
import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.allocation.Scoring;
import org.broadcastallocation.allocation.BoundSearch;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.report.AllocationReport;
import org.broadcastallocation.report.ReportBuilder;

/**
 * Problem document in, allocation report out: validates, builds the plan, allocates it (optimised, or first-come as
 * the e-mail desk would) and reports, always against the first-come baseline. What the command line and the service
 * call.
 */
public final class AllocationEngine {

    public enum Strategy {
        OPTIMISE, FCFS
    }

    private final AllocationSolver solver;
    private final Scoring scoring;
    private final ReportBuilder reports;

    public AllocationEngine(AllocationSolver solver) {
        this.solver = solver;
        this.scoring = new Scoring(solver.config());
        this.reports = new ReportBuilder(scoring);
    }

    public static AllocationEngine withProjectConfig() {
        return new AllocationEngine(AllocationSolver.withProjectConfig());
    }

    public Scoring scoring() {
        return scoring;
    }

    public AllocationSolver solver() {
        return solver;
    }

    public ReportBuilder reports() {
        return reports;
    }

    /** @throws org.broadcastallocation.problem.InvalidProblemException when the document is refused */
    public AllocationReport solve(ProblemDocument document, Strategy strategy, Duration timeLimit,
            Consumer<BestScore> onNewBest) {
        long started = System.nanoTime();
        var baseline = firstCome(document);
        if (strategy == Strategy.FCFS) {
            return reports.build(document, baseline, null, "SOLVED", "fcfs", millisSince(started), null);
        }
        started = System.nanoTime();
        var plan = PlanBuilder.build(document);
        var constructed = new CompletableFuture<Void>();
        var bound = BoundSearch.start(plan, solver.spentLimit(timeLimit), BoundSearch.WORKERS, constructed);
        AllocationPlan best = solver.solve(plan, timeLimit, progress -> {
            if (progress.initialized()) {
                constructed.complete(null);
            }
            onNewBest.accept(progress);
        }, bound);
        return reports.build(document, best, null, "SOLVED", "optimise", millisSince(started), baseline,
                bound.finish());
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    public AllocationPlan firstCome(ProblemDocument document) {
        return FirstComeFirstServed.allocate(PlanBuilder.build(document),
                FirstComeFirstServed.submissionOrder(document.requests()));
    }
}
