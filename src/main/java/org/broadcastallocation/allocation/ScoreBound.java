package org.broadcastallocation.allocation;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;

/**
 * The best score a plan could possibly reach: no hard rule broken, every request that has any candidate placement
 * served, and no soft cost. When the solver gets there, nothing can improve and it stops at once.
 */
final class ScoreBound {

    private ScoreBound() {
    }

    static HardMediumSoftScore of(AllocationPlan plan) {
        int unservable = 0;
        for (Booking booking : plan.getBookings()) {
            if (booking.candidates().isEmpty() && !booking.pinned()) {
                unservable += booking.weight();
            }
        }
        return HardMediumSoftScore.of(0, -unservable, 0);
    }
}
