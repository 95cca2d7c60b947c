package org.broadcastallocation.allocation;

import java.util.List;

/**
 * A later round starts where the previous one left its requests: each booking goes back to its previous placement
 * when that still breaks no rule (the request and resource unchanged, no clash, fibre and quota kept), and the
 * construction heuristic places only the rest. Started cold, the local search rebuilt the whole plan and the
 * stability term could only pull part of it back: a what-if with one stand-up position closed moved 125 of the
 * first round's allocations.
 */
public final class WarmStart {

    private WarmStart() {
    }

    /**
     * Places the plan's bookings at their previous placements, in place. A plan in which some unpinned booking is
     * already placed (a round resumed from its own best) is left as it is. Returns how many were placed.
     */
    public static int fromPrevious(AllocationPlan plan) {
        List<Booking> bookings = plan.getBookings();
        if (bookings.stream().anyMatch(booking -> !booking.pinned() && booking.assigned())) {
            return 0;
        }
        var occupancy = Occupancy.of(bookings.stream().filter(Booking::pinned).toList());
        int placed = 0;
        for (Booking booking : bookings) {
            var previous = booking.previousPlacement();
            if (booking.pinned() || previous == null || !booking.candidates().contains(previous)
                    || !occupancy.admits(booking.demand(), previous)) {
                continue;
            }
            booking.place(previous);
            occupancy.add(booking);
            placed++;
        }
        return placed;
    }
}
