package org.broadcastallocation.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;

import org.broadcastallocation.allocation.AllocationConstraints;
import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.Justification;
import org.broadcastallocation.allocation.Scoring;
import org.broadcastallocation.allocation.BoundSearch;
import org.broadcastallocation.allocation.MediumBound;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.report.AllocationReport.Allocation;
import org.broadcastallocation.report.AllocationReport.Bounds;
import org.broadcastallocation.report.AllocationReport.Comparison;
import org.broadcastallocation.report.AllocationReport.ConstraintTotal;
import org.broadcastallocation.report.AllocationReport.Summary;
import org.broadcastallocation.report.AllocationReport.Unassigned;

/** Turns a solved plan into the allocation report: the way out of the planning model, as PlanBuilder is the way in. */
public final class ReportBuilder {

    private static final Set<String> HARD_RULES = Set.of(AllocationConstraints.TYPE,
            AllocationConstraints.NO_DOUBLE_BOOKING, AllocationConstraints.CAPACITY, AllocationConstraints.AVAILABILITY,
            AllocationConstraints.REQUIRED_FEATURES, AllocationConstraints.ELIGIBILITY, AllocationConstraints.FIBRE,
            AllocationConstraints.QUOTA, AllocationConstraints.PINNED_STAYS);

    private final Scoring scoring;

    public ReportBuilder(Scoring scoring) {
        this.scoring = scoring;
    }

    /** A report whose bound is the capacity-time relaxation's, found at once (see {@link BoundSearch}). */
    public AllocationReport build(ProblemDocument document, AllocationPlan plan, Integer round, String status,
            String strategy, long solvingMillis, AllocationPlan baseline) {
        return build(document, plan, round, status, strategy, solvingMillis, baseline, BoundSearch.relaxed(plan));
    }

    /**
     * @param round    the round number, or null outside the service
     * @param baseline the same problem allocated first-come-first-served, or null for no comparison
     * @param bound    what is known of the best medium level of the problem
     */
    public AllocationReport build(ProblemDocument document, AllocationPlan plan, Integer round, String status,
            String strategy, long solvingMillis, AllocationPlan baseline, MediumBound bound) {
        var timeline = plan.getTimeline();
        var analysis = scoring.analyze(plan, true);
        HardMediumSoftScore score = analysis.score();
        var requests = document.requests().stream()
                .collect(Collectors.toMap(ProblemDocument.Request::id, Function.identity()));

        var allocations = new ArrayList<Allocation>();
        var unassigned = new ArrayList<Unassigned>();
        var explainer = new Explainer(plan);
        for (Booking booking : plan.getBookings()) {
            var request = requests.get(booking.id());
            if (booking.assigned()) {
                allocations.add(new Allocation(booking.id(), request.organisation(), request.type(),
                        booking.resource().id(), timeline.at(booking.start()), timeline.at(booking.end()),
                        booking.published(), byHand(booking)));
            } else {
                var reasons = explainer.reasons(booking);
                unassigned.add(new Unassigned(booking.id(), request.organisation(), request.type(),
                        booking.weight(), reasons.stream().map(Explainer.Reason::staff).toList(),
                        reasons.stream().map(Explainer.Reason::broadcaster).toList(), byHand(booking)));
            }
        }
        allocations.sort(Comparator.comparing(Allocation::resource).thenComparing(Allocation::start)
                .thenComparing(Allocation::request));
        unassigned.sort(Comparator.comparingInt(Unassigned::weight).reversed().thenComparing(Unassigned::request));

        var constraints = new ArrayList<ConstraintTotal>();
        var hardViolations = new ArrayList<String>();
        for (var constraint : analysis.constraintAnalyses()) {
            String level = level(constraint.constraintName());
            constraints.add(new ConstraintTotal(constraint.constraintName(), level,
                    onLevel(constraint.score(), level), constraint.matchCount()));
            if (level.equals("hard") && constraint.matches() != null) {
                constraint.matches().forEach(match -> hardViolations.add(constraint.constraintName() + ": "
                        + ((Justification) match.justification()).describe(timeline)));
            }
        }
        constraints.sort(Comparator.comparingInt((ConstraintTotal total) -> levelOrder(total.level()))
                .thenComparing(ConstraintTotal::name));

        var summary = summarise(plan);
        Comparison comparison = null;
        if (baseline != null) {
            var baselineSummary = summarise(baseline);
            var baselineScore = scoring.score(baseline);
            comparison = new Comparison("first-come-first-served", baselineSummary, score(baselineScore),
                    summary.served() - baselineSummary.served(),
                    summary.servedWeight() - baselineSummary.servedWeight(),
                    baselineSummary.unservedWeight() == 0 ? null
                            : Math.round(1000.0 * (baselineSummary.unservedWeight() - summary.unservedWeight())
                                    / baselineSummary.unservedWeight()) / 10.0);
        }
        return new AllocationReport(document.event().id(), round, status, strategy, score(score), solvingMillis,
                allocations, unassigned, constraints, score.hardScore() < 0 ? hardViolations : null, summary,
                comparison, Bounds.of(bound.unservedFloor(), summary.unservedWeight()));
    }

    /** Marked only when true: a report without hand placements reads as before. */
    private static Boolean byHand(Booking booking) {
        return booking.placedByHand() ? Boolean.TRUE : null;
    }

    public static AllocationReport.Score score(HardMediumSoftScore score) {
        return new AllocationReport.Score(score.hardScore(), score.mediumScore(), score.softScore(),
                score.isFeasible());
    }

    /** Requests and weight served, and metres walked between each van and its organisation's positions in use. */
    public static Summary summarise(AllocationPlan plan) {
        int served = 0;
        long servedWeight = 0;
        long unservedWeight = 0;
        for (Booking booking : plan.getBookings()) {
            if (booking.assigned()) {
                served++;
                servedWeight += booking.weight();
            } else {
                unservedWeight += booking.weight();
            }
        }
        var byOrganisation = plan.getBookings().stream().filter(Booking::assigned)
                .collect(Collectors.groupingBy(Booking::organisation));
        long walking = 0;
        for (List<Booking> bookings : byOrganisation.values()) {
            for (Booking parking : bookings) {
                if (!parking.type().isParking()) {
                    continue;
                }
                for (Booking other : bookings) {
                    if (!other.type().isParking() && parking.placement().overlaps(other.placement())) {
                        walking += parking.resource().walkTo(other.resource());
                    }
                }
            }
        }
        int total = plan.getBookings().size();
        return new Summary(total, served, total - served, servedWeight, unservedWeight, walking);
    }

    private static String level(String rule) {
        if (HARD_RULES.contains(rule)) {
            return "hard";
        }
        return rule.equals(AllocationConstraints.SERVE_REQUESTS) ? "medium" : "soft";
    }

    private static int levelOrder(String level) {
        return Map.of("hard", 0, "medium", 1, "soft", 2).get(level);
    }

    private static long onLevel(HardMediumSoftScore score, String level) {
        return switch (level) {
            case "hard" -> score.hardScore();
            case "medium" -> score.mediumScore();
            default -> score.softScore();
        };
    }
}
