package org.broadcastallocation.allocation.moves;

import java.util.List;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.domain.variable.descriptor.GenuineVariableDescriptor;
import ai.timefold.solver.core.impl.heuristic.move.CompositeMove;
import ai.timefold.solver.core.impl.heuristic.move.Move;
import ai.timefold.solver.core.impl.heuristic.selector.move.generic.ChangeMove;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;

import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.Placement;

/** Moves of a booking's two variables, built from Timefold's generic change and composite moves. */
final class Changes {

    private final GenuineVariableDescriptor<AllocationPlan> resource;
    private final GenuineVariableDescriptor<AllocationPlan> start;

    private Changes(GenuineVariableDescriptor<AllocationPlan> resource, GenuineVariableDescriptor<AllocationPlan> start) {
        this.resource = resource;
        this.start = start;
    }

    static Changes of(ScoreDirector<AllocationPlan> scoreDirector) {
        var entity = ((InnerScoreDirector<AllocationPlan, ?>) scoreDirector).getSolutionDescriptor()
                .findEntityDescriptorOrFail(Booking.class);
        return new Changes(entity.getGenuineVariableDescriptor("resource"), entity.getGenuineVariableDescriptor("start"));
    }

    /** The booking to the placement: the start first, then the resource, each only when it changes. */
    void place(Booking booking, Placement placement, List<Move<AllocationPlan>> moves) {
        if (booking.start() != placement.start()) {
            moves.add(new ChangeMove<>(start, booking, placement.start()));
        }
        if (booking.resource() != placement.resource()) {
            moves.add(new ChangeMove<>(resource, booking, placement.resource()));
        }
    }

    /** A move that changes nothing; the solver skips it (for a random iterator that found nothing worth doing). */
    Move<AllocationPlan> nothing(Booking booking) {
        return new ChangeMove<>(resource, booking, booking.resource());
    }

    Move<AllocationPlan> all(List<Move<AllocationPlan>> moves) {
        return CompositeMove.buildMove(moves);
    }
}
