package org.broadcastallocation.rounds;

import java.util.Optional;

import org.broadcastallocation.allocation.AllocationConstraints;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.PlanResource;
import org.broadcastallocation.allocation.StaticFit;
import org.broadcastallocation.allocation.Timeline;
import org.broadcastallocation.problem.Violation;

/**
 * What a place breaks by the request and the resource alone, whatever else the round holds: the first such rule by
 * its name in the spec, with why in words. A place no other request can make right is refused rather than taken
 * (the rules between requests are the round's to weigh: see {@link HandPlacing}).
 */
final class PlaceRules {

    private PlaceRules() {
    }

    static Optional<Violation> broken(Booking booking, PlanResource resource, int start, Timeline timeline) {
        var demand = booking.demand();
        String item = "allocations[" + booking.id() + "]";
        var misfits = StaticFit.misfits(demand, resource);
        if (!misfits.isEmpty()) {
            return Optional.of(switch (misfits.get(0)) {
                case TYPE -> new Violation(item, AllocationConstraints.TYPE, resource.id() + " is a "
                        + resource.type() + "; " + booking.id() + " asks for a " + demand.type());
                case CAPACITY -> new Violation(item, AllocationConstraints.CAPACITY, resource.id() + " takes "
                        + resource.describeCapacity() + ", not " + demand.asked());
                case FEATURES -> new Violation(item, AllocationConstraints.REQUIRED_FEATURES, resource.id()
                        + " lacks " + demand.requiredFeatures().stream()
                                .filter(feature -> !resource.features().contains(feature)).sorted().toList());
                case ELIGIBILITY -> new Violation(item, AllocationConstraints.ELIGIBILITY, resource.id() + " ("
                        + resource.type() + ") is not open to a " + demand.organisationKind());
                case NO_FIBRE -> new Violation(item, AllocationConstraints.FIBRE, resource.id() + " is in zone "
                        + resource.zone().id() + ", which has no fibre links");
            });
        }
        int end = start + demand.durationMinutes();
        int lastStart = demand.slot() ? demand.windowEnd() - demand.durationMinutes() : demand.windowStart();
        if (start < demand.windowStart() || start > lastStart || (start - demand.windowStart())
                % Timeline.GRAIN_MINUTES != 0) {
            return Optional.of(new Violation(item, "Window", booking.id() + " runs "
                    + timeline.describe(demand.windowStart(), demand.windowEnd())
                    + (demand.slot() ? " for " + demand.durationMinutes() + " minutes, starting on a quarter hour"
                            : ", its whole window") + "; not " + timeline.describe(start, end)));
        }
        if (!resource.isAvailable(start, end)) {
            return Optional.of(new Violation(item, AllocationConstraints.AVAILABILITY, resource.id()
                    + " is not open " + timeline.describe(start, end)));
        }
        if (demand.quota() != null && demand.quota() == 0) {
            return Optional.of(new Violation(item, AllocationConstraints.QUOTA, "the event allows no "
                    + demand.type() + " to any organisation"));
        }
        return Optional.empty();
    }
}
