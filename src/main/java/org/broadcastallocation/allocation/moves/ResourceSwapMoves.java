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
import org.broadcastallocation.problem.ResourceType;

/**
 * Two bookings of the same type trade resources, each keeping its own start: how two vans swap parking spaces or two
 * booths change hands. Timefold's own swap move cannot do this here: it only pairs bookings whose values are
 * reachable for every variable, start included, so bookings with different windows never trade.
 */
public class ResourceSwapMoves implements MoveIteratorFactory<AllocationPlan, Move<AllocationPlan>> {

    /** Random picks before giving up on finding a tradeable pair for one move. */
    private static final int ATTEMPTS = 20;

    private Map<ResourceType, List<Booking>> movableByType = Map.of();
    private GenuineVariableDescriptor<AllocationPlan> resourceVariable;

    @Override
    public void phaseStarted(ScoreDirector<AllocationPlan> scoreDirector) {
        var byType = new EnumMap<ResourceType, List<Booking>>(ResourceType.class);
        for (Booking booking : scoreDirector.getWorkingSolution().getBookings()) {
            if (!booking.pinned() && !booking.resourceRange().isEmpty()) {
                byType.computeIfAbsent(booking.type(), type -> new ArrayList<>()).add(booking);
            }
        }
        movableByType = byType;
        resourceVariable = ((InnerScoreDirector<AllocationPlan, ?>) scoreDirector).getSolutionDescriptor()
                .findEntityDescriptorOrFail(Booking.class).getGenuineVariableDescriptor("resource");
    }

    @Override
    public long getSize(ScoreDirector<AllocationPlan> scoreDirector) {
        long size = 0;
        for (List<Booking> bookings : movableByType.values()) {
            size += (long) bookings.size() * (bookings.size() - 1) / 2;
        }
        return size;
    }

    @Override
    public Iterator<Move<AllocationPlan>> createOriginalMoveIterator(ScoreDirector<AllocationPlan> scoreDirector) {
        var pairs = new ArrayList<Move<AllocationPlan>>();
        for (List<Booking> bookings : movableByType.values()) {
            for (int i = 0; i < bookings.size(); i++) {
                for (int j = i + 1; j < bookings.size(); j++) {
                    if (tradeable(bookings.get(i), bookings.get(j))) {
                        pairs.add(swap(bookings.get(i), bookings.get(j)));
                    }
                }
            }
        }
        return pairs.iterator();
    }

    @Override
    public Iterator<Move<AllocationPlan>> createRandomMoveIterator(ScoreDirector<AllocationPlan> scoreDirector,
            Random random) {
        var types = movableByType.values().stream().filter(bookings -> bookings.size() > 1).toList();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !types.isEmpty();
            }

            @Override
            public Move<AllocationPlan> next() {
                if (types.isEmpty()) {
                    throw new NoSuchElementException();
                }
                List<Booking> bookings = types.get(random.nextInt(types.size()));
                for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                    Booking left = bookings.get(random.nextInt(bookings.size()));
                    Booking right = bookings.get(random.nextInt(bookings.size()));
                    if (tradeable(left, right)) {
                        return swap(left, right);
                    }
                }
                // Nothing tradeable found this time: a move that changes nothing, which the solver skips.
                Booking any = bookings.get(0);
                return new ChangeMove<>(resourceVariable, any, any.resource());
            }
        };
    }

    private static boolean tradeable(Booking left, Booking right) {
        var leftResource = left.resource();
        var rightResource = right.resource();
        if (left == right || leftResource == rightResource || (leftResource == null && rightResource == null)) {
            return false;
        }
        return (rightResource == null || left.resourceRange().contains(rightResource))
                && (leftResource == null || right.resourceRange().contains(leftResource));
    }

    private Move<AllocationPlan> swap(Booking left, Booking right) {
        return CompositeMove.buildMove(new ChangeMove<>(resourceVariable, left, right.resource()),
                new ChangeMove<>(resourceVariable, right, left.resource()));
    }
}
