package org.broadcastallocation.allocation.moves;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.move.Move;
import ai.timefold.solver.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;

import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.Placement;
import org.broadcastallocation.allocation.PlanResource;
import org.broadcastallocation.allocation.SoftCost;
import org.broadcastallocation.problem.ResourceType;

/**
 * A placed booking moves to a placement where it costs the soft level less ({@link SoftCost}: nearer its preferred
 * start, with its preferred features, a shorter walk to its organisation's van or positions), and whatever holds
 * that place moves to the cheapest free place of its own, in one step. The soft level is left on the table
 * otherwise: positions are packed with slots, so a slot can reach its preferred start only if its neighbour makes
 * way, and two steps (the first breaking "no double booking" or unserving a request) are never taken. A displaced
 * booking with no free place makes the move void: these moves never give up a served request.
 */
public class BetterPlacementMoves implements MoveIteratorFactory<AllocationPlan, Move<AllocationPlan>> {

    private static final int ATTEMPTS = 10;
    private static final int TRIES_PER_BOOKING = 3;

    private List<Booking> movable = List.of();
    private Map<ResourceType, List<Booking>> byType = Map.of();
    private Map<String, List<Booking>> byOrganisation = Map.of();
    private SoftCost cost;
    private Changes changes;
    private long size;

    @Override
    public void phaseStarted(ScoreDirector<AllocationPlan> scoreDirector) {
        var plan = scoreDirector.getWorkingSolution();
        var types = new EnumMap<ResourceType, List<Booking>>(ResourceType.class);
        var organisations = new HashMap<String, List<Booking>>();
        var candidates = new ArrayList<Booking>();
        for (Booking booking : plan.getBookings()) {
            types.computeIfAbsent(booking.type(), type -> new ArrayList<>()).add(booking);
            organisations.computeIfAbsent(booking.organisation(), key -> new ArrayList<>()).add(booking);
            if (!booking.pinned() && booking.candidates().size() > 1) {
                candidates.add(booking);
            }
        }
        movable = candidates;
        byType = types;
        byOrganisation = organisations;
        size = candidates.stream().mapToLong(booking -> booking.candidates().size()).sum();
        cost = SoftCost.of(plan);
        changes = Changes.of(scoreDirector);
    }

    @Override
    public long getSize(ScoreDirector<AllocationPlan> scoreDirector) {
        return size;
    }

    @Override
    public Iterator<Move<AllocationPlan>> createOriginalMoveIterator(ScoreDirector<AllocationPlan> scoreDirector) {
        var moves = new ArrayList<Move<AllocationPlan>>();
        for (Booking booking : movable) {
            if (!booking.assigned()) {
                continue;
            }
            var better = cheaperPlacements(booking);
            better.sort((left, right) -> Long.compare(cost.of(booking, left, organisation(booking)),
                    cost.of(booking, right, organisation(booking))));
            var holders = holders(booking);
            for (Placement placement : better) {
                var move = moveTo(booking, placement, holders);
                if (move != null) {
                    moves.add(move);
                    break;
                }
            }
        }
        return moves.iterator();
    }

    @Override
    public Iterator<Move<AllocationPlan>> createRandomMoveIterator(ScoreDirector<AllocationPlan> scoreDirector,
            Random random) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !movable.isEmpty();
            }

            @Override
            public Move<AllocationPlan> next() {
                if (movable.isEmpty()) {
                    throw new NoSuchElementException();
                }
                for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                    Booking booking = movable.get(random.nextInt(movable.size()));
                    if (!booking.assigned()) {
                        continue;
                    }
                    var better = cheaperPlacements(booking);
                    if (better.isEmpty()) {
                        continue;
                    }
                    var holders = holders(booking);
                    for (int tries = 0; tries < TRIES_PER_BOOKING; tries++) {
                        var move = moveTo(booking, better.get(random.nextInt(better.size())), holders);
                        if (move != null) {
                            return move;
                        }
                    }
                }
                return changes.nothing(movable.get(0));
            }
        };
    }

    private List<Booking> organisation(Booking booking) {
        return byOrganisation.getOrDefault(booking.organisation(), List.of());
    }

    /** The booking's candidates where it alone would cost the soft level less than where it is. */
    private List<Placement> cheaperPlacements(Booking booking) {
        var organisation = organisation(booking);
        long current = cost.of(booking, booking.placement(), organisation);
        if (current == 0) {
            return new ArrayList<>();
        }
        var better = new ArrayList<Placement>();
        for (Placement candidate : booking.candidates()) {
            if (cost.of(booking, candidate, organisation) < current) {
                better.add(candidate);
            }
        }
        return better;
    }

    /** The placed bookings of the booking's type, by resource, the booking itself left out. */
    private Map<PlanResource, List<Booking>> holders(Booking booking) {
        var holders = new HashMap<PlanResource, List<Booking>>();
        for (Booking other : byType.get(booking.type())) {
            if (other != booking && other.assigned()) {
                holders.computeIfAbsent(other.resource(), key -> new ArrayList<>()).add(other);
            }
        }
        return holders;
    }

    /** The booking to the placement and each booking in its way to its cheapest free place; null when one has none. */
    private Move<AllocationPlan> moveTo(Booking booking, Placement placement,
            Map<PlanResource, List<Booking>> holders) {
        var displaced = new ArrayList<Booking>();
        for (Booking other : holders.getOrDefault(placement.resource(), List.of())) {
            if (overlaps(other, placement)) {
                if (other.pinned()) {
                    return null;
                }
                displaced.add(other);
            }
        }
        var moves = new ArrayList<Move<AllocationPlan>>();
        var taken = new ArrayList<>(Collections.singletonList(placement));
        for (Booking other : displaced) {
            Placement home = cheapestFreePlace(other, displaced, taken, holders);
            if (home == null) {
                return null;
            }
            taken.add(home);
            changes.place(other, home, moves);
        }
        changes.place(booking, placement, moves);
        return changes.all(moves);
    }

    /**
     * The displaced booking's cheapest placement that no one holds once the move is done: not taken earlier in this
     * move and not held by a booking that stays (the mover's old place is free). Fibre and quota are the score's.
     */
    private Placement cheapestFreePlace(Booking booking, List<Booking> displaced, List<Placement> taken,
            Map<PlanResource, List<Booking>> holders) {
        var organisation = organisation(booking);
        Placement cheapest = null;
        long cheapestCost = Long.MAX_VALUE;
        for (Placement candidate : booking.candidates()) {
            long candidateCost = cost.of(booking, candidate, organisation);
            if (candidateCost >= cheapestCost) {
                continue;
            }
            boolean free = taken.stream().noneMatch(other -> other.resource() == candidate.resource()
                    && other.overlaps(candidate))
                    && holders.getOrDefault(candidate.resource(), List.of()).stream().noneMatch(
                            other -> !displaced.contains(other) && overlaps(other, candidate));
            if (free) {
                cheapest = candidate;
                cheapestCost = candidateCost;
            }
        }
        return cheapest;
    }

    private static boolean overlaps(Booking booking, Placement placement) {
        return booking.start() < placement.end() && placement.start() < booking.end();
    }
}
