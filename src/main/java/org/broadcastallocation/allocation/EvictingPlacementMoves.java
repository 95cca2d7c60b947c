package org.broadcastallocation.allocation;

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
            if (!booking.isPinned() && !booking.getCandidates().isEmpty()) {
                candidates.add(booking);
            }
        }
        movable = candidates;
        byType = types;
        size = candidates.stream().mapToLong(booking -> booking.getCandidates().size()).sum();
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
            for (Placement placement : booking.getCandidates()) {
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
                    var candidates = booking.getCandidates();
                    var move = evictingMove(booking, candidates.get(random.nextInt(candidates.size())));
                    if (move != null) {
                        return move;
                    }
                }
                // Nothing to do this time: a move that changes nothing, which the solver skips.
                Booking any = movable.get(0);
                return new ChangeMove<>(resourceVariable, any, any.getResource());
            }
        };
    }

    /** The booking to the placement, every clashing booking out; null when a pin is in the way or nothing changes. */
    private Move<AllocationPlan> evictingMove(Booking booking, Placement placement) {
        if (placement.resource() == booking.getResource() && booking.getStart() != null
                && placement.start() == booking.getStart()) {
            return null;
        }
        var moves = new ArrayList<Move<AllocationPlan>>();
        for (Booking other : byType.get(booking.type())) {
            if (other != booking && other.getResource() == placement.resource()
                    && other.start() < placement.end() && placement.start() < other.end()) {
                if (other.isPinned()) {
                    return null;
                }
                moves.add(new ChangeMove<>(resourceVariable, other, null));
            }
        }
        if (booking.getStart() == null || booking.getStart() != placement.start()) {
            moves.add(new ChangeMove<>(startVariable, booking, placement.start()));
        }
        if (booking.getResource() != placement.resource()) {
            moves.add(new ChangeMove<>(resourceVariable, booking, placement.resource()));
        }
        return CompositeMove.buildMove(moves);
    }
}
