package org.broadcastallocation.allocation.moves;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.domain.variable.descriptor.GenuineVariableDescriptor;
import ai.timefold.solver.core.impl.heuristic.move.CompositeMove;
import ai.timefold.solver.core.impl.heuristic.move.Move;
import ai.timefold.solver.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;
import ai.timefold.solver.core.impl.heuristic.selector.move.generic.ChangeMove;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;

import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.Placement;
import org.broadcastallocation.problem.ResourceType;

/**
 * Puts a booking on one of its possible placements and unassigns whatever holds that resource at that time, in one
 * move. Serving a heavier request usually means displacing a lighter one; done in two moves, the first breaks "no
 * double booking" and a local search never takes it. Pinned bookings are never displaced.
 */
public class EvictingPlacementMoves implements MoveIteratorFactory<AllocationPlan, Move<AllocationPlan>> {

    private static final int ATTEMPTS = 20;

    private List<Booking> movable = List.of();
    private long size;
    private Map<ResourceType, List<Booking>> byType = Map.of();
    private GenuineVariableDescriptor<AllocationPlan> resourceVariable;
    private GenuineVariableDescriptor<AllocationPlan> startVariable;

    @Override
    public void phaseStarted(ScoreDirector<AllocationPlan> scoreDirector) {
        var types = new EnumMap<ResourceType, List<Booking>>(ResourceType.class);
        var candidates = new ArrayList<Booking>();
        for (Booking booking : scoreDirector.getWorkingSolution().getBookings()) {
            types.computeIfAbsent(booking.type(), type -> new ArrayList<>()).add(booking);
            if (!booking.pinned() && !booking.candidates().isEmpty()) {
                candidates.add(booking);
            }
        }
        movable = candidates;
        byType = types;
        size = candidates.stream().mapToLong(booking -> booking.candidates().size()).sum();
        var entity = ((InnerScoreDirector<AllocationPlan, ?>) scoreDirector).getSolutionDescriptor()
                .findEntityDescriptorOrFail(Booking.class);
        resourceVariable = entity.getGenuineVariableDescriptor("resource");
        startVariable = entity.getGenuineVariableDescriptor("start");
    }

    @Override
    public long getSize(ScoreDirector<AllocationPlan> scoreDirector) {
        return size;
    }

    @Override
    public Iterator<Move<AllocationPlan>> createOriginalMoveIterator(ScoreDirector<AllocationPlan> scoreDirector) {
        var moves = new ArrayList<Move<AllocationPlan>>();
        for (Booking booking : movable) {
            for (Placement placement : booking.candidates()) {
                var move = evictingMove(booking, placement);
                if (move != null) {
                    moves.add(move);
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
                    var candidates = booking.candidates();
                    var move = evictingMove(booking, candidates.get(random.nextInt(candidates.size())));
                    if (move != null) {
                        return move;
                    }
                }
                // Nothing to do this time: a move that changes nothing, which the solver skips.
                Booking any = movable.get(0);
                return new ChangeMove<>(resourceVariable, any, any.resource());
            }
        };
    }

    /** Whether a displaced booking first looks for a free place of its own before it is unassigned. */
    protected boolean rehomesDisplaced() {
        return false;
    }

    /**
     * The booking to the placement, every clashing booking out (or, when rehoming, to a free place of its own);
     * null when a pin is in the way or nothing changes.
     */
    private Move<AllocationPlan> evictingMove(Booking booking, Placement placement) {
        if (placement.resource() == booking.resource() && placement.start() == booking.start()) {
            return null;
        }
        var displaced = new ArrayList<Booking>();
        for (Booking other : byType.get(booking.type())) {
            if (other != booking && other.resource() == placement.resource() && overlaps(other, placement)) {
                if (other.pinned()) {
                    return null;
                }
                displaced.add(other);
            }
        }
        var moves = new ArrayList<Move<AllocationPlan>>();
        var taken = new ArrayList<Placement>(List.of(placement));
        for (Booking other : displaced) {
            Placement home = rehomesDisplaced() ? freePlace(other, booking, displaced, taken) : null;
            if (home == null) {
                moves.add(new ChangeMove<>(resourceVariable, other, null));
            } else {
                taken.add(home);
                place(other, home, moves);
            }
        }
        place(booking, placement, moves);
        return CompositeMove.buildMove(moves);
    }

    private void place(Booking booking, Placement placement, List<Move<AllocationPlan>> moves) {
        if (booking.start() != placement.start()) {
            moves.add(new ChangeMove<>(startVariable, booking, placement.start()));
        }
        if (booking.resource() != placement.resource()) {
            moves.add(new ChangeMove<>(resourceVariable, booking, placement.resource()));
        }
    }

    /**
     * The first of the booking's placements that no one else holds once the move is done: not the mover's, not one
     * taken earlier in this move, and not held by a booking that stays. Other rules (fibre, quota) are the score's.
     */
    private Placement freePlace(Booking booking, Booking mover, List<Booking> displaced, List<Placement> taken) {
        for (Placement candidate : booking.candidates()) {
            if (taken.stream().noneMatch(other -> other.resource() == candidate.resource() && other.overlaps(candidate))
                    && byType.get(booking.type()).stream().noneMatch(other -> other != mover
                            && other.resource() == candidate.resource() && !displaced.contains(other)
                            && overlaps(other, candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean overlaps(Booking booking, Placement placement) {
        return booking.start() < placement.end() && placement.start() < booking.end();
    }
}
