package org.broadcastallocation.allocation;

import static ai.timefold.solver.core.api.score.stream.ConstraintCollectors.countBi;
import static ai.timefold.solver.core.api.score.stream.Joiners.equal;
import static ai.timefold.solver.core.api.score.stream.Joiners.filtering;

import java.util.List;
import java.util.Set;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;


/**
 * The rules of {@code docs/allocation-model.md}, one method each, named as the spec reads. Hard rules count
 * broken instances; the medium level charges each unserved request its weight; soft terms are scaled by the event's
 * weights through {@link AllocationPlan#getConstraintWeightOverrides()}.
 */
public class AllocationConstraints implements ConstraintProvider {

    public static final String TYPE = "Type";
    public static final String NO_DOUBLE_BOOKING = "No double booking";
    public static final String CAPACITY = "Capacity";
    public static final String AVAILABILITY = "Availability";
    public static final String REQUIRED_FEATURES = "Required features";
    public static final String ELIGIBILITY = "Eligibility";
    public static final String FIBRE = "Fibre";
    public static final String QUOTA = "Quota";
    public static final String PINNED_STAYS = "Pinned stays";
    public static final String SERVE_REQUESTS = "Serve requests";
    public static final String WALKING = "Walking";
    public static final String PREFERENCES = "Preferences";
    public static final String TIMING = "Timing";
    public static final String STABILITY = "Stability";

    /** The soft terms whose weight the event may override, with the spec's defaults. */
    public static final Set<String> SOFT_RULES = Set.of(WALKING, PREFERENCES, TIMING, STABILITY);

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
                type(factory),
                noDoubleBooking(factory),
                capacity(factory),
                availability(factory),
                requiredFeatures(factory),
                eligibility(factory),
                fibre(factory),
                quota(factory),
                pinnedStays(factory),
                serveRequests(factory),
                walking(factory),
                preferences(factory),
                timing(factory),
                stability(factory)
        };
    }

    Constraint type(ConstraintFactory factory) {
        return factory.forEach(Booking.class)
                .filter(booking -> booking.resource().type() != booking.type())
                .penalize(HardMediumSoftScore.ONE_HARD)
                .justifyWith((booking, score) -> new Justification.WrongType(booking.id(),
                        booking.resource().id(), booking.type(), booking.resource().type()))
                .asConstraint(TYPE);
    }

    Constraint noDoubleBooking(ConstraintFactory factory) {
        return factory.forEachUniquePair(Booking.class,
                        equal(Booking::resource),
                        filtering(AllocationConstraints::overlap))
                .penalize(HardMediumSoftScore.ONE_HARD)
                .justifyWith((first, second, score) -> new Justification.DoubleBooked(first.resource().id(),
                        first.id(), second.id(), Math.max(first.start(), second.start()),
                        Math.min(first.end(), second.end())))
                .asConstraint(NO_DOUBLE_BOOKING);
    }

    Constraint capacity(ConstraintFactory factory) {
        return factory.forEach(Booking.class)
                .filter(booking -> !booking.demand().fitsCapacityOf(booking.resource()))
                .penalize(HardMediumSoftScore.ONE_HARD)
                .justifyWith((booking, score) -> new Justification.OverCapacity(booking.id(),
                        booking.resource().id(), booking.demand().asked(), booking.resource().describeCapacity()))
                .asConstraint(CAPACITY);
    }

    Constraint availability(ConstraintFactory factory) {
        return factory.forEach(Booking.class)
                .filter(booking -> !booking.resource().isAvailable(booking.start(), booking.end()))
                .penalize(HardMediumSoftScore.ONE_HARD)
                .justifyWith((booking, score) -> new Justification.Unavailable(booking.id(),
                        booking.resource().id(), booking.start(), booking.end()))
                .asConstraint(AVAILABILITY);
    }

    Constraint requiredFeatures(ConstraintFactory factory) {
        return factory.forEach(Booking.class)
                .filter(booking -> booking.demand().missingRequiredFeatures(booking.resource()) > 0)
                .penalize(HardMediumSoftScore.ONE_HARD,
                        booking -> booking.demand().missingRequiredFeatures(booking.resource()))
                .justifyWith((booking, score) -> new Justification.MissingRequiredFeatures(booking.id(),
                        booking.resource().id(),
                        missing(booking.demand().requiredFeatures(), booking.resource())))
                .asConstraint(REQUIRED_FEATURES);
    }

    Constraint eligibility(ConstraintFactory factory) {
        return factory.forEach(Booking.class)
                .filter(booking -> !booking.demand().eligibleFor(booking.resource()))
                .penalize(HardMediumSoftScore.ONE_HARD)
                .justifyWith((booking, score) -> new Justification.Ineligible(booking.id(),
                        booking.organisation(), booking.resource().id()))
                .asConstraint(ELIGIBILITY);
    }

    /**
     * At no moment does a zone carry more fibre bookings than it has links. The busiest moment is always some
     * booking's start, so each fibre booking counts the zone's fibre bookings running when it starts (itself
     * included) and is penalised for what goes beyond the links.
     */
    Constraint fibre(ConstraintFactory factory) {
        return factory.forEach(Booking.class)
                .filter(booking -> booking.demand().needsFibre())
                .join(factory.forEach(Booking.class).filter(booking -> booking.demand().needsFibre()),
                        equal(booking -> booking.resource().zone()),
                        filtering(AllocationConstraints::runningAtStartOf))
                .groupBy((starting, running) -> starting, countBi())
                .filter((starting, running) -> running > starting.resource().zone().fibreLinks())
                .penalize(HardMediumSoftScore.ONE_HARD,
                        (starting, running) -> running - starting.resource().zone().fibreLinks())
                .justifyWith((starting, running, score) -> new Justification.FibreOverbooked(
                        starting.resource().zone().id(), starting.resource().zone().fibreLinks(), running,
                        starting.start(), starting.id()))
                .asConstraint(FIBRE);
    }

    /** An organisation holds at most its quota of a type at any moment: counted at each holding's start. */
    Constraint quota(ConstraintFactory factory) {
        return factory.forEach(Booking.class)
                .filter(booking -> booking.demand().quota() != null)
                .join(Booking.class,
                        equal(Booking::organisation),
                        equal(Booking::type),
                        filtering(AllocationConstraints::runningAtStartOf))
                .groupBy((starting, running) -> starting, countBi())
                .filter((starting, running) -> running > starting.demand().quota())
                .penalize(HardMediumSoftScore.ONE_HARD,
                        (starting, running) -> running - starting.demand().quota())
                .justifyWith((starting, running, score) -> new Justification.QuotaExceeded(starting.organisation(),
                        starting.type(), starting.demand().quota(), running, starting.start(), starting.id()))
                .asConstraint(QUOTA);
    }

    Constraint pinnedStays(ConstraintFactory factory) {
        return factory.forEachIncludingUnassigned(Booking.class)
                .filter(booking -> booking.published() && !booking.pinnedPlacement().equals(booking.placement()))
                .penalize(HardMediumSoftScore.ONE_HARD)
                .justifyWith((booking, score) -> new Justification.PinMoved(booking.id(),
                        booking.pinnedPlacement().resource().id(), booking.pinnedPlacement().start()))
                .asConstraint(PINNED_STAYS);
    }

    Constraint serveRequests(ConstraintFactory factory) {
        return factory.forEachIncludingUnassigned(Booking.class)
                .filter(booking -> !booking.assigned())
                .penalize(HardMediumSoftScore.ONE_MEDIUM, Booking::weight)
                .justifyWith((booking, score) -> new Justification.Unserved(booking.id(), booking.organisation(),
                        booking.type(), booking.weight()))
                .asConstraint(SERVE_REQUESTS);
    }

    /** Van to the same organisation's positions in use at the same time, in metres beyond the site's best. */
    Constraint walking(ConstraintFactory factory) {
        return factory.forEach(Booking.class)
                .filter(booking -> booking.type().isParking())
                .join(Booking.class,
                        equal(Booking::organisation),
                        filtering((parking, other) -> !other.type().isParking() && overlap(parking, other)))
                .filter((parking, other) -> walkBeyondShortest(parking, other) > 0)
                .penalize(HardMediumSoftScore.ONE_SOFT, AllocationConstraints::walkBeyondShortest)
                .justifyWith((parking, other, score) -> new Justification.Walk(parking.id(), other.id(),
                        parking.resource().id(), other.resource().id(), walkBeyondShortest(parking, other)))
                .asConstraint(WALKING);
    }

    Constraint preferences(ConstraintFactory factory) {
        return factory.forEach(Booking.class)
                .filter(booking -> booking.demand().missingPreferredFeatures(booking.resource()) > 0)
                .penalize(HardMediumSoftScore.ONE_SOFT,
                        booking -> booking.demand().missingPreferredFeatures(booking.resource()))
                .justifyWith((booking, score) -> new Justification.MissingPreferences(booking.id(),
                        booking.resource().id(),
                        missing(booking.demand().preferredFeatures(), booking.resource())))
                .asConstraint(PREFERENCES);
    }

    Constraint timing(ConstraintFactory factory) {
        return factory.forEach(Booking.class)
                .filter(booking -> booking.demand().slot() && booking.demand().preferredStart() != null
                        && booking.start() != booking.demand().preferredStart())
                .penalize(HardMediumSoftScore.ONE_SOFT,
                        booking -> Math.abs(booking.start() - booking.demand().preferredStart()))
                .justifyWith((booking, score) -> new Justification.OffPreferredStart(booking.id(),
                        booking.start(), booking.demand().preferredStart()))
                .asConstraint(TIMING);
    }

    Constraint stability(ConstraintFactory factory) {
        return factory.forEach(Booking.class)
                .filter(booking -> booking.previousPlacement() != null && movedFromPrevious(booking))
                .penalize(HardMediumSoftScore.ONE_SOFT)
                .justifyWith((booking, score) -> new Justification.Moved(booking.id(),
                        booking.previousPlacement().resource().id(), booking.previousPlacement().start(),
                        booking.resource().id(), booking.start()))
                .asConstraint(STABILITY);
    }

    // The groups joined on equality (a resource's bookings, an organisation's holdings) are small: a plain filter
    // beats the range indexes of Joiners.overlapping / lessThan, which cost a third of the solver's speed.

    private static boolean overlap(Booking first, Booking second) {
        return first.start() < second.end() && second.start() < first.end();
    }

    /** Whether {@code running} holds its resource at the moment {@code starting} starts. */
    private static boolean runningAtStartOf(Booking starting, Booking running) {
        return running.start() <= starting.start() && starting.start() < running.end();
    }

    private static boolean movedFromPrevious(Booking booking) {
        Placement previous = booking.previousPlacement();
        return !previous.resource().equals(booking.resource()) || previous.start() != booking.start();
    }

    private static int walkBeyondShortest(Booking parking, Booking other) {
        return parking.demand().site().walkBeyondShortest(parking.resource(), other.resource());
    }

    private static List<String> missing(Set<String> wanted, PlanResource resource) {
        return wanted.stream().filter(feature -> !resource.features().contains(feature)).sorted().toList();
    }

    private static List<String> ids(List<Booking> bookings) {
        return bookings.stream().map(Booking::id).sorted().toList();
    }
}
