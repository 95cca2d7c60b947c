package org.broadcastallocation.rounds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import org.broadcastallocation.allocation.Justification;
import org.broadcastallocation.allocation.Placement;
import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.allocation.PlanResource;
import org.broadcastallocation.allocation.Scoring;
import org.broadcastallocation.problem.ProblemDocument;

/**
 * Timefold's score analysis of a round's own placements on its own snapshot: per rule, its level, its total and each
 * match in words. The plan is rebuilt from the snapshot and the stored placements, so the analysis says what the
 * rules make of exactly what the round decided, not of a new solve.
 */
final class RoundAnalysis {

    record RuleAnalysis(String name, String level, long score, int matches, List<String> justifications) {
    }

    private RoundAnalysis() {
    }

    static List<RuleAnalysis> of(ProblemDocument problem, List<Rounds.Placed> allocations, Scoring scoring) {
        var plan = PlanBuilder.build(problem);
        var placed = new HashMap<String, Rounds.Placed>();
        allocations.forEach(allocation -> placed.put(allocation.requestId(), allocation));
        var resources = new HashMap<String, PlanResource>();
        plan.getResources().forEach(resource -> resources.put(resource.id(), resource));
        for (var booking : plan.getBookings()) {
            var allocation = placed.get(booking.id());
            if (allocation == null) {
                booking.place(null);
            } else {
                int start = plan.getTimeline().minutes(allocation.start());
                booking.place(new Placement(
                        resources.get(allocation.resourceId()), start, start + booking.demand().durationMinutes()));
            }
        }
        var analysis = scoring.analyze(plan, true);
        var rules = new ArrayList<RuleAnalysis>();
        for (var constraint : analysis.constraintAnalyses()) {
            var score = constraint.score();
            String level = score.hardScore() != 0 ? "hard" : score.mediumScore() != 0 ? "medium" : "soft";
            long total = score.hardScore() != 0 ? score.hardScore() : score.mediumScore() != 0
                    ? score.mediumScore() : score.softScore();
            var texts = constraint.matches() == null ? List.<String>of() : constraint.matches().stream()
                    .map(match -> ((Justification) match.justification()).describe(plan.getTimeline())).toList();
            rules.add(new RuleAnalysis(constraint.constraintName(), level, total, constraint.matchCount(), texts));
        }
        return rules;
    }
}
