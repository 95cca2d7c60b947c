package org.broadcastallocation.allocation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.broadcastallocation.problem.ResourceType;

/**
 * Who holds what, when: the placed bookings by resource, by fibre zone and by organisation and type. Answers the
 * questions of the rules between requests (double booking, fibre, quota) for one more placement, which is what the
 * first-come baseline asks when it places and what the explanations ask when a request was left out.
 */
public final class Occupancy {

    private final Map<PlanResource, List<Booking>> byResource = new HashMap<>();
    private final Map<FibreZone, List<Booking>> fibreByZone = new HashMap<>();
    private final Map<String, List<Booking>> byHolder = new HashMap<>();

    public static Occupancy of(Collection<Booking> bookings) {
        var occupancy = new Occupancy();
        bookings.stream().filter(Booking::assigned).forEach(occupancy::add);
        return occupancy;
    }

    public void add(Booking booking) {
        var placement = booking.placement();
        byResource.computeIfAbsent(placement.resource(), key -> new ArrayList<>()).add(booking);
        if (booking.demand().needsFibre()) {
            fibreByZone.computeIfAbsent(placement.resource().zone(), key -> new ArrayList<>()).add(booking);
        }
        byHolder.computeIfAbsent(holder(booking.organisation(), booking.type()), key -> new ArrayList<>())
                .add(booking);
    }

    /** Bookings already on the placement's resource at an overlapping time. */
    public List<Booking> clashes(Placement placement) {
        return overlapping(byResource.get(placement.resource()), placement.start(), placement.end());
    }

    /** The fibre bookings of the placement's zone at an overlapping time, when one more would exceed the links. */
    public List<Booking> fibreBlockers(Demand demand, Placement placement) {
        if (!demand.needsFibre()) {
            return List.of();
        }
        var zone = placement.resource().zone();
        var users = overlapping(fibreByZone.get(zone), placement.start(), placement.end());
        return peak(users, placement.start(), placement.end()) + 1 > zone.fibreLinks() ? users : List.of();
    }

    /** The organisation's holdings of the type at an overlapping time, when one more would exceed the quota. */
    public List<Booking> quotaBlockers(Demand demand, Placement placement) {
        if (demand.quota() == null) {
            return List.of();
        }
        var held = overlapping(byHolder.get(holder(demand.organisation(), demand.type())), placement.start(),
                placement.end());
        return peak(held, placement.start(), placement.end()) + 1 > demand.quota() ? held : List.of();
    }

    public boolean admits(Demand demand, Placement placement) {
        return clashes(placement).isEmpty() && fibreBlockers(demand, placement).isEmpty()
                && quotaBlockers(demand, placement).isEmpty();
    }

    /** Most bookings held at one moment inside {@code [from, to)}. The peak is always at some booking's start. */
    static int peak(List<Booking> bookings, int from, int to) {
        int peak = 0;
        for (Booking candidate : bookings) {
            int moment = Math.max(from, candidate.start());
            int count = 0;
            for (Booking other : bookings) {
                if (other.start() <= moment && moment < other.end()) {
                    count++;
                }
            }
            peak = Math.max(peak, count);
        }
        return peak;
    }

    private static List<Booking> overlapping(List<Booking> bookings, int from, int to) {
        if (bookings == null) {
            return List.of();
        }
        var overlapping = new ArrayList<Booking>();
        for (Booking booking : bookings) {
            if (booking.start() < to && from < booking.end()) {
                overlapping.add(booking);
            }
        }
        return overlapping;
    }

    private static String holder(String organisation, ResourceType type) {
        return organisation + "\u0000" + type;
    }
}
