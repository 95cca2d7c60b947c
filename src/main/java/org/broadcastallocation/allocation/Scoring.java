package org.broadcastallocation.allocation;

import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
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

    /** Per rule: total, match count and, with {@code withMatches}, every match's justification. */
    public ScoreAnalysis<HardMediumSoftScore> analyze(AllocationPlan plan, boolean withMatches) {
        return solutionManager.analyze(plan,
                withMatches ? ScoreAnalysisFetchPolicy.FETCH_ALL : ScoreAnalysisFetchPolicy.FETCH_MATCH_COUNT);
    }
}
