package org.broadcastallocation.allocation;

import java.util.List;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;

/**
 * What one booking adds to the soft level at a placement, the rest of the plan as it is: its timing, its missing
 * preferred features, its move from the previous round, and the walk between it and its organisation's vans (or,
 * for a van, its organisation's positions) in use at the same time. The same terms and event weights as
 * {@link AllocationConstraints}, computed for one booking, so that the construction and the soft moves can choose
 * a placement without asking the score director about each.
 */
public final class SoftCost {

    private final int walkingPerMetre;
    private final int perMissingPreference;
    private final int timingPerMinute;
    private final int stabilityPerMove;

    private SoftCost(int walkingPerMetre, int perMissingPreference, int timingPerMinute, int stabilityPerMove) {
        this.walkingPerMetre = walkingPerMetre;
        this.perMissingPreference = perMissingPreference;
        this.timingPerMinute = timingPerMinute;
        this.stabilityPerMove = stabilityPerMove;
    }

    public static SoftCost of(AllocationPlan plan) {
        return new SoftCost(weight(plan, AllocationConstraints.WALKING), weight(plan, AllocationConstraints.PREFERENCES),
                weight(plan, AllocationConstraints.TIMING), weight(plan, AllocationConstraints.STABILITY));
    }

    /** The event's weight of a soft rule; a rule without one weighs 1, as its constraint does. */
    private static int weight(AllocationPlan plan, String rule) {
        var overrides = plan.getConstraintWeightOverrides();
        HardMediumSoftScore weight = overrides == null ? null : overrides.getConstraintWeight(rule);
        return weight == null ? 1 : weight.softScore();
    }

    /**
     * @param organisation the organisation's bookings (the booking itself may be among them; unassigned ones are
     *                     skipped)
     */
    public long of(Booking booking, Placement placement, List<Booking> organisation) {
        var demand = booking.demand();
        long cost = 0;
        if (demand.slot() && demand.preferredStart() != null) {
            cost += (long) timingPerMinute * Math.abs(placement.start() - demand.preferredStart());
        }
        cost += (long) perMissingPreference * demand.missingPreferredFeatures(placement.resource());
        if (booking.previousPlacement() != null && !booking.previousPlacement().equals(placement)) {
            cost += stabilityPerMove;
        }
        boolean parking = booking.type().isParking();
        for (Booking other : organisation) {
            if (other == booking || !other.assigned() || other.type().isParking() == parking
                    || other.start() >= placement.end() || placement.start() >= other.end()) {
                continue;
            }
            cost += (long) walkingPerMetre * (parking
                    ? demand.site().walkBeyondShortest(placement.resource(), other.resource())
                    : demand.site().walkBeyondShortest(other.resource(), placement.resource()));
        }
        return cost;
    }
}
