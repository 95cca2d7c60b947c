package org.broadcastallocation.allocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import ai.timefold.solver.core.api.solver.change.ProblemChange;
import ai.timefold.solver.core.api.solver.change.ProblemChangeDirector;
import com.google.ortools.sat.Literal;

import org.broadcastallocation.problem.ResourceType;

/**
 * CP-SAT's allocation of one part of the medium level ({@link ExactBound.Part}), on real resources, offered to the
 * round's solver as a problem change. The model says, per pool of identical resources, which requests hold one of
 * them and when; here they go, in start order, each to the first resource of its pool that is free then, which never
 * runs out without pins (interval graphs are perfect). A request that finds none (a pin holds a resource, not any of
 * its pool) stays unassigned, and {@link #served} counts only what was placed.
 *
 * <p>Why: at summit size CP-SAT proves the medium optimum in seconds, and on instances the engine was not tuned on
 * its local search alone stayed 1-2 % above it for the whole 30 s (docs/performance-log.md, 2026-12-03). The solver
 * keeps its own part whenever it serves as much; otherwise it takes CP-SAT's and goes on from there, for the soft
 * level, never below it: the best solution is the solver's to keep.
 *
 * @param placements the part's unpinned bookings that CP-SAT serves, by id; the part's others are unassigned
 */
record ExactSeed(Set<ResourceType> types, Map<String, Placement> placements, long served)
        implements ProblemChange<AllocationPlan> {

    /** The part's allocation in the solved model, or null when the part holds a placement by hand (not modelled). */
    static ExactSeed of(AllocationPlan plan, ExactBound.Part part, Predicate<Literal> solved) {
        var ofPart = plan.getBookings().stream().filter(booking -> part.types().contains(booking.type())).toList();
        if (ofPart.stream().anyMatch(Booking::placedByHand)) {
            return null;
        }
        var taken = part.choices().stream().filter(choice -> solved.test(choice.taken()))
                .sorted(Comparator.comparingInt(ExactBound.Choice::start)).toList();
        var inOrder = spread(ofPart, part, taken);
        if (taken.stream().noneMatch(ExactSeed::keepsPrevious)) {
            return inOrder;
        }
        var keeping = keeping(ofPart, part, taken);
        return keeping != null && keeping.served() >= inOrder.served() ? keeping : inOrder;
    }

    /**
     * A later round's allocation, each pool's placements given resources by {@link PoolColouring} so that as many
     * as possible stay where the previous round had them; null when a pool got no answer in time. Fibre and quota
     * do not depend on which resource of a pool (it shares the zone), so CP-SAT's choice keeps them.
     */
    private static ExactSeed keeping(List<Booking> ofPart, ExactBound.Part part, List<ExactBound.Choice> taken) {
        var pinned = ofPart.stream().filter(Booking::published).map(Booking::pinnedPlacement).toList();
        long served = ofPart.stream().filter(Booking::published).mapToLong(Booking::weight).sum();
        var byPool = new HashMap<ExactBound.PoolKey, List<ExactBound.Choice>>();
        taken.forEach(choice -> byPool.computeIfAbsent(choice.pool(), key -> new ArrayList<>()).add(choice));
        var placements = new HashMap<String, Placement>();
        for (var entry : byPool.entrySet()) {
            var assigned = PoolColouring.assign(entry.getValue(), part.pools().get(entry.getKey()), pinned);
            if (assigned == null) {
                return null;
            }
            placements.putAll(assigned);
        }
        for (var choice : taken) {
            if (placements.containsKey(choice.booking().id())) {
                served += choice.booking().weight();
            }
        }
        return new ExactSeed(part.types(), Map.copyOf(placements), served);
    }

    private static boolean keepsPrevious(ExactBound.Choice choice) {
        var previous = choice.booking().previousPlacement();
        return previous != null && previous.start() == choice.start()
                && ExactBound.PoolKey.of(previous.resource()).equals(choice.pool());
    }

    /** The choices, in this order, each to the first resource of its pool that is free then (its previous first). */
    private static ExactSeed spread(List<Booking> ofPart, ExactBound.Part part, List<ExactBound.Choice> choices) {
        // Stand-ins, never the plan's own bookings: the solver is working on those on another thread.
        var occupancy = Occupancy.of(ofPart.stream().filter(Booking::published)
                .map(booking -> new Booking(booking.demand(), booking.candidates(), booking.pinnedPlacement(), null))
                .toList());
        long served = ofPart.stream().filter(Booking::published).mapToLong(Booking::weight).sum();
        var placements = new HashMap<String, Placement>();
        for (var choice : choices) {
            var booking = choice.booking();
            for (PlanResource resource : previousFirst(booking, choice.start(), part.pools().get(choice.pool()))) {
                var placement = new Placement(resource, choice.start(), choice.start()
                        + booking.demand().durationMinutes());
                if (booking.candidates().contains(placement) && occupancy.admits(booking.demand(), placement)) {
                    var standIn = new Booking(booking.demand(), booking.candidates(), null, null);
                    standIn.place(placement);
                    occupancy.add(standIn);
                    placements.put(booking.id(), placement);
                    served += booking.weight();
                    break;
                }
            }
        }
        return new ExactSeed(part.types(), Map.copyOf(placements), served);
    }

    /** The pool's resources, the booking's previous one first when it held it at this start: a later round keeps it. */
    private static List<PlanResource> previousFirst(Booking booking, int start, List<PlanResource> pool) {
        var previous = booking.previousPlacement();
        if (previous == null || previous.start() != start || !pool.contains(previous.resource())) {
            return pool;
        }
        var ordered = new ArrayList<PlanResource>(pool.size());
        ordered.add(previous.resource());
        pool.stream().filter(resource -> !resource.equals(previous.resource())).forEach(ordered::add);
        return ordered;
    }

    /** Weight the plan's assigned bookings of these types serve. */
    long servedIn(AllocationPlan plan) {
        return plan.getBookings().stream().filter(booking -> booking.assigned() && types.contains(booking.type()))
                .mapToLong(Booking::weight).sum();
    }

    /**
     * Timefold applies a change to its best solution and makes the result its new best, whatever its score: so the
     * part is taken only when it serves more than that best does, and left alone otherwise.
     */
    @Override
    public void doChange(AllocationPlan working, ProblemChangeDirector director) {
        if (served <= servedIn(working)) {
            return;
        }
        for (Booking booking : working.getBookings()) {
            if (!types.contains(booking.type()) || booking.pinned()) {
                continue;
            }
            Placement target = placements.get(booking.id());
            if (Objects.equals(booking.placement(), target)) {
                continue;
            }
            if (target == null) {
                director.changeVariable(booking, "resource", unplaced -> unplaced.place(null));
            } else {
                director.changeVariable(booking, "start", moved -> moved.startAt(target.start()));
                director.changeVariable(booking, "resource", moved -> moved.place(target));
            }
        }
    }
}
