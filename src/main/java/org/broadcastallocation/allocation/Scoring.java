package org.broadcastallocation.allocation;

import java.util.List;
import java.util.function.Function;

import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import ai.timefold.solver.core.api.solver.RecommendedAssignment;
import ai.timefold.solver.core.api.solver.ScoreAnalysisFetchPolicy;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;

/**
 * Scores and explains a plan with the same constraints the solver uses, without solving: for the report, for the
 * first-come baseline, and to recompute a published report's score from its allocations.
 */
public final class Scoring {

    private final SolutionManager<AllocationPlan, HardMediumSoftScore> solutionManager;

    public Scoring(SolverConfig config) {
        this.solutionManager = SolutionManager.create(SolverFactory.create(config));
    }

    public HardMediumSoftScore score(AllocationPlan plan) {
        return solutionManager.update(plan);
    }

    /**
     * Timefold's assignment recommendation: every place the (unassigned) booking could take, best first, each with
     * what it changes per rule. {@code place} reads the booking as it stands in each proposal.
     */
    public <P> List<RecommendedAssignment<P, HardMediumSoftScore>> recommend(AllocationPlan plan, Booking booking,
            Function<Booking, P> place) {
        return solutionManager.recommendAssignment(plan, booking, place, ScoreAnalysisFetchPolicy.FETCH_MATCH_COUNT);
    }

    /** Per rule: total, match count and, with {@code withMatches}, every match's justification. */
    public ScoreAnalysis<HardMediumSoftScore> analyze(AllocationPlan plan, boolean withMatches) {
        return solutionManager.analyze(plan,
                withMatches ? ScoreAnalysisFetchPolicy.FETCH_ALL : ScoreAnalysisFetchPolicy.FETCH_MATCH_COUNT);
    }
}
