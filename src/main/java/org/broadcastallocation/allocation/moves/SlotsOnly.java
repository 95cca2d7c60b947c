package org.broadcastallocation.allocation.moves;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.selector.common.decorator.SelectionFilter;

import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.Booking;

/** Moves in time are only for slots: a whole-window booking has one possible start. */
public class SlotsOnly implements SelectionFilter<AllocationPlan, Booking> {

    @Override
    public boolean accept(ScoreDirector<AllocationPlan> scoreDirector, Booking booking) {
        return booking.slot() && !booking.pinned();
    }
}
