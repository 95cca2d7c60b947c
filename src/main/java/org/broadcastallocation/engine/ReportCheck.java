package org.broadcastallocation.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;

import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.Placement;
import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.allocation.PlanResource;
import org.broadcastallocation.allocation.Scoring;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.report.AllocationReport;
import org.broadcastallocation.report.ReportBuilder;

/**
 * Recomputes a report's score from nothing but its allocations and the problem, with the same rules: what anyone
 * checking a published round would do. A report whose score differs, or that breaks a hard rule, is not to be
 * trusted.
 */
public final class ReportCheck {

    private ReportCheck() {
    }

    public record Outcome(AllocationReport.Score reported, AllocationReport.Score recomputed, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static Outcome check(ProblemDocument document, AllocationReport report, Scoring scoring) {
        var problems = new ArrayList<String>();
        AllocationPlan plan = placed(document, report, problems);
        HardMediumSoftScore score = scoring.score(plan);
        var recomputed = ReportBuilder.score(score);
        if (!recomputed.equals(report.score())) {
            problems.add("reported score " + report.score() + " differs from the recomputed " + recomputed);
        }
        if (!score.isFeasible()) {
            problems.add("the allocations break hard rules (" + score.hardScore() + " hard)");
        }
        return new Outcome(report.score(), recomputed, problems);
    }

    /**
     * The problem's plan with the report's allocations and nothing else placed; what does not fit the problem
     * (unknown ids, a request twice, a wrong end) is added to {@code problems}.
     */
    public static AllocationPlan placed(ProblemDocument document, AllocationReport report, List<String> problems) {
        AllocationPlan plan = PlanBuilder.build(document);
        var bookings = new HashMap<String, Booking>();
        plan.getBookings().forEach(booking -> {
            booking.place(null);
            bookings.put(booking.id(), booking);
        });
        var resources = new HashMap<String, PlanResource>();
        plan.getResources().forEach(resource -> resources.put(resource.id(), resource));
        var timeline = plan.getTimeline();
        for (var allocation : report.allocations()) {
            Booking booking = bookings.get(allocation.request());
            PlanResource resource = resources.get(allocation.resource());
            if (booking == null || resource == null) {
                problems.add("allocation of " + allocation.request() + " to " + allocation.resource()
                        + " names an unknown request or resource");
                continue;
            }
            if (booking.assigned()) {
                problems.add(allocation.request() + " is allocated twice");
            }
            int start = timeline.minutes(allocation.start());
            booking.place(new Placement(resource, start, start + booking.demand().durationMinutes()));
            if (allocation.end() != null && timeline.minutes(allocation.end()) != booking.end()) {
                problems.add(allocation.request() + " ends at " + allocation.end() + " but lasts "
                        + booking.demand().durationMinutes() + " minutes");
            }
        }
        return plan;
    }
}
