package org.broadcastallocation.allocation.moves;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.selector.common.decorator.SelectionFilter;

import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.Booking;

/**
 * Moves in time for placed slots only. An unplaced slot's start changes no score, yet late acceptance takes each
 * such move as a step; with {@link SlotsOnly} a good share of the steps were these, and the acceptance history
 * spanned milliseconds of search instead of seconds.
 */
public class AssignedSlotsOnly implements SelectionFilter<AllocationPlan, Booking> {

    @Override
    public boolean accept(ScoreDirector<AllocationPlan> scoreDirector, Booking booking) {
        return booking.slot() && !booking.pinned() && booking.assigned();
    }
}
