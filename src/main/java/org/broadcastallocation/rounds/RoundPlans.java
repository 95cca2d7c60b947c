package org.broadcastallocation.rounds;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.Placement;
import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.allocation.PlanResource;
import org.broadcastallocation.problem.ProblemDocument;

/** A round's plan as it stands: its snapshot, placed as its latest saved solution and its planner's hand say. */
final class RoundPlans {

    private RoundPlans() {
    }

    static AllocationPlan asSaved(ProblemDocument snapshot, List<Rounds.Placed> saved,
            List<HandPlacements.HandPlacement> hand) {
        var plan = PlanBuilder.build(snapshot);
        var placed = new HashMap<String, Rounds.Placed>();
        saved.forEach(allocation -> placed.put(allocation.requestId(), allocation));
        var resources = resources(plan);
        for (Booking booking : plan.getBookings()) {
            if (booking.published()) {
                continue;
            }
            var allocation = placed.get(booking.id());
            booking.place(allocation == null ? null
                    : placement(plan, booking, resources.get(allocation.resourceId()), allocation.start()));
        }
        placeByHand(plan, hand);
        return plan;
    }

    /** Puts the hand's placements into the plan, pinned there for the solver. */
    static void placeByHand(AllocationPlan plan, List<HandPlacements.HandPlacement> hand) {
        if (hand.isEmpty()) {
            return;
        }
        var resources = resources(plan);
        var bookings = new HashMap<String, Booking>();
        plan.getBookings().forEach(booking -> bookings.put(booking.id(), booking));
        for (var placement : hand) {
            var booking = bookings.get(placement.requestId());
            if (booking == null || booking.published()) {
                continue;
            }
            booking.placeByHand(placement.unassigned() ? null
                    : placement(plan, booking, resources.get(placement.resourceId()), placement.start()));
        }
    }

    static Map<String, PlanResource> resources(AllocationPlan plan) {
        var resources = new HashMap<String, PlanResource>();
        plan.getResources().forEach(resource -> resources.put(resource.id(), resource));
        return resources;
    }

    private static Placement placement(AllocationPlan plan, Booking booking, PlanResource resource,
            OffsetDateTime start) {
        int minutes = plan.getTimeline().minutes(start);
        return new Placement(resource, minutes, minutes + booking.demand().durationMinutes());
    }
}
