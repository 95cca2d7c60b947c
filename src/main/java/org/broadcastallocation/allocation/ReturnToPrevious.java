package org.broadcastallocation.allocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * After a later round's search: each request the search moved from where the previous round had it goes back there
 * when that place is free again (no clash, fibre and quota kept) and costs the soft level less, until none can.
 * Serving more weight takes chains of moves, and the local search never undoes the links of a chain that no longer
 * serve anything: each would cost the medium level on its own first step, or a free place opens only once another
 * link has gone back. A request served stays served, so the medium level never changes; only moves are undone.
 */
public final class ReturnToPrevious {

    private ReturnToPrevious() {
    }

    /** Returns how many requests went back; the plan is changed in place, its score left to the caller. */
    public static int settle(AllocationPlan plan) {
        var movedAway = plan.getBookings().stream().filter(ReturnToPrevious::movedAway).toList();
        if (movedAway.isEmpty()) {
            return 0;
        }
        var cost = SoftCost.of(plan);
        Map<String, List<Booking>> byOrganisation = new HashMap<>();
        plan.getBookings().stream().filter(Booking::assigned)
                .forEach(booking -> byOrganisation.computeIfAbsent(booking.organisation(), key -> new ArrayList<>())
                        .add(booking));
        int returned = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Booking booking : movedAway) {
                if (!movedAway(booking)) {
                    continue;
                }
                var previous = booking.previousPlacement();
                var others = plan.getBookings().stream().filter(other -> other != booking && other.assigned())
                        .toList();
                if (!Occupancy.of(others).admits(booking.demand(), previous)) {
                    continue;
                }
                var organisation = byOrganisation.getOrDefault(booking.organisation(), List.of());
                if (cost.of(booking, previous, organisation) < cost.of(booking, booking.placement(), organisation)) {
                    booking.place(previous);
                    returned++;
                    changed = true;
                }
            }
        }
        return returned;
    }

    private static boolean movedAway(Booking booking) {
        var previous = booking.previousPlacement();
        return !booking.pinned() && booking.assigned() && previous != null
                && !previous.equals(booking.placement()) && booking.candidates().contains(previous);
    }
}
