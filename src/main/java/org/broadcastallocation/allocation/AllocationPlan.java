package org.broadcastallocation.allocation;

import java.util.List;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.ProblemFactProperty;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;

/** The planning solution: every request of the round as a {@link Booking}, on the event's resources. */
@PlanningSolution
public class AllocationPlan {

    @ProblemFactProperty
    private Timeline timeline;
    @ProblemFactCollectionProperty
    private List<PlanResource> resources;
    @PlanningEntityCollectionProperty
    private List<Booking> bookings;
    /** The event's weights (walking per metre, per missing preference, ...), as Timefold constraint weights. */
    private ConstraintWeightOverrides<HardMediumSoftScore> constraintWeightOverrides;
    @PlanningScore
    private HardMediumSoftScore score;

    public AllocationPlan() {
    }

    public AllocationPlan(Timeline timeline, List<PlanResource> resources, List<Booking> bookings,
            ConstraintWeightOverrides<HardMediumSoftScore> constraintWeightOverrides) {
        this.timeline = timeline;
        this.resources = resources;
        this.bookings = bookings;
        this.constraintWeightOverrides = constraintWeightOverrides;
    }

    public Timeline getTimeline() {
        return timeline;
    }

    public List<PlanResource> getResources() {
        return resources;
    }

    public List<Booking> getBookings() {
        return bookings;
    }

    public ConstraintWeightOverrides<HardMediumSoftScore> getConstraintWeightOverrides() {
        return constraintWeightOverrides;
    }

    public void setConstraintWeightOverrides(ConstraintWeightOverrides<HardMediumSoftScore> overrides) {
        this.constraintWeightOverrides = overrides;
    }

    public HardMediumSoftScore getScore() {
        return score;
    }

    public void setScore(HardMediumSoftScore score) {
        this.score = score;
    }
}
