package org.broadcastallocation.allocation.moves;

/**
 * Evicting placement, one step deeper: each booking displaced from the place goes to a free place of its own when
 * there is one, and is unassigned only when there is none. Serving a whole-stay request on a stand-up position
 * busy with short slots then moves those slots to the other positions in the same step, instead of losing them.
 */
public class EvictingRehomingMoves extends EvictingPlacementMoves {

    @Override
    protected boolean rehomesDisplaced() {
        return true;
    }
}
