package org.broadcastallocation.allocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;

import org.broadcastallocation.problem.ProblemDocument.Request;

/**
 * The e-mail desk of today, as a baseline: requests in the order they came in (by {@code submittedAt}, missing last,
 * then id), each given the first fitting resource (in the document's order) at its earliest start, under the same
 * rules as the solver. Published allocations keep their place and are booked first.
 */
public final class FirstComeFirstServed {

    private FirstComeFirstServed() {
    }

    /**
     * Places the plan's bookings in place.
     *
     * @param submissionOrder request ids in the order they came in
     */
    public static AllocationPlan allocate(AllocationPlan plan, List<String> submissionOrder) {
        var position = new HashMap<String, Integer>();
        for (int i = 0; i < submissionOrder.size(); i++) {
            position.put(submissionOrder.get(i), i);
        }
        var occupancy = new Occupancy();
        var waiting = new ArrayList<Booking>();
        for (Booking booking : plan.getBookings()) {
            if (booking.published()) {
                booking.place(booking.pinnedPlacement());
                occupancy.add(booking);
            } else {
                booking.place(null);
                waiting.add(booking);
            }
        }
        waiting.sort(Comparator.comparingInt((Booking booking) -> position.getOrDefault(booking.id(),
                Integer.MAX_VALUE)).thenComparing(Booking::id));
        for (Booking booking : waiting) {
            firstFit(booking, occupancy);
        }
        return plan;
    }

    private static void firstFit(Booking booking, Occupancy occupancy) {
        // Candidates are listed resource by resource in document order, earliest start first.
        for (Placement candidate : booking.candidates()) {
            if (occupancy.admits(booking.demand(), candidate)) {
                booking.place(candidate);
                occupancy.add(booking);
                return;
            }
        }
    }

    /** Ids by submission, the order first-come serves them in. */
    public static List<String> submissionOrder(List<Request> requests) {
        return requests.stream()
                .sorted(Request.BY_SUBMISSION)
                .map(Request::id)
                .toList();
    }
}
