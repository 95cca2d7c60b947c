package org.broadcastallocation.allocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.broadcastallocation.problem.ResourceType;

/**
 * A floor on the unserved weight that needs no native library: per resource type, the served bookings' minutes
 * cannot exceed the minutes the type's resources have left once pins are placed (each booking lies inside its
 * resource's span of availability, and bookings on one resource never overlap). The most weight that fits is then
 * a fractional knapsack, heaviest weight per minute first. Weak where the rules between requests bind (fibre, quota,
 * a crew too big for most booths), exact where capacity alone decides; the fallback when CP-SAT cannot run. Only
 * published allocations are held fixed: a planner's hand placement is a choice, so the floor is over every allocation
 * that keeps the promises (and a hand placement may even break a rule).
 */
public final class CapacityTimeBound {

    private CapacityTimeBound() {
    }

    public static MediumBound of(AllocationPlan plan) {
        long unservedFloor = unservable(plan);
        for (long unserved : unservedByType(plan).values()) {
            unservedFloor += unserved;
        }
        return new MediumBound(unservedFloor, "capacity-time");
    }

    /** The weight of the requests no candidate placement can ever serve. */
    static long unservable(AllocationPlan plan) {
        return plan.getBookings().stream()
                .filter(booking -> !booking.published() && booking.candidates().isEmpty())
                .mapToLong(Booking::weight).sum();
    }

    /** The floor per type, over the requests that have candidates. */
    static Map<ResourceType, Long> unservedByType(AllocationPlan plan) {
        var byType = new EnumMap<ResourceType, List<Booking>>(ResourceType.class);
        for (Booking booking : plan.getBookings()) {
            if (!booking.published() && !booking.candidates().isEmpty()) {
                byType.computeIfAbsent(booking.type(), type -> new ArrayList<>()).add(booking);
            }
        }
        var freeMinutes = freeMinutesByType(plan);
        var unserved = new EnumMap<ResourceType, Long>(ResourceType.class);
        byType.forEach((type, bookings) ->
                unserved.put(type, unservedAfterKnapsack(bookings, freeMinutes.getOrDefault(type, 0L))));
        return unserved;
    }

    /** The weight left over when the heaviest-per-minute bookings fill the minutes, the last one in part. */
    private static long unservedAfterKnapsack(List<Booking> bookings, long minutes) {
        var byDensity = new ArrayList<>(bookings);
        byDensity.sort(Comparator.comparingDouble((Booking booking) ->
                (double) booking.weight() / booking.demand().durationMinutes()).reversed());
        long total = 0;
        double served = 0;
        long left = minutes;
        for (Booking booking : byDensity) {
            total += booking.weight();
            int duration = booking.demand().durationMinutes();
            if (left >= duration) {
                served += booking.weight();
                left -= duration;
            } else if (left > 0) {
                served += (double) booking.weight() * left / duration;
                left = 0;
            }
        }
        // Served weight is whole: rounding the fraction down keeps the floor valid.
        return total - (long) Math.floor(served + 1e-9);
    }

    private static Map<ResourceType, Long> freeMinutesByType(AllocationPlan plan) {
        var pinned = new HashMap<PlanResource, List<MinuteInterval>>();
        for (Booking booking : plan.getBookings()) {
            if (booking.published()) {
                var placement = booking.pinnedPlacement();
                pinned.computeIfAbsent(placement.resource(), resource -> new ArrayList<>())
                        .add(new MinuteInterval(placement.start(), placement.end()));
            }
        }
        var free = new EnumMap<ResourceType, Long>(ResourceType.class);
        for (PlanResource resource : plan.getResources()) {
            var availability = resource.availability();
            if (availability.isEmpty()) {
                continue;
            }
            int from = availability.get(0).from();
            int to = availability.get(availability.size() - 1).to();
            long minutes = to - from - heldInside(pinned.getOrDefault(resource, List.of()), from, to);
            free.merge(resource.type(), Math.max(0, minutes), Long::sum);
        }
        return free;
    }

    /** Minutes of [from, to) covered by the pins, each minute once however many pins overlap on it. */
    private static long heldInside(List<MinuteInterval> pins, int from, int to) {
        var sorted = new ArrayList<>(pins);
        sorted.sort(Comparator.comparingInt(MinuteInterval::from));
        long held = 0;
        int reached = from;
        for (MinuteInterval pin : sorted) {
            int start = Math.max(pin.from(), reached);
            int end = Math.min(pin.to(), to);
            if (end > start) {
                held += end - start;
                reached = end;
            }
        }
        return held;
    }
}
