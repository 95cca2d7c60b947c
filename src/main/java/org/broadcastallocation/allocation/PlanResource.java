package org.broadcastallocation.allocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.broadcastallocation.problem.ResourceType;

/**
 * One bookable thing, as the solver sees it. Identity is the id: the solver hashes resources in its joins, so
 * equality must be cheap and must not look at the collections.
 */
public final class PlanResource {

    private final String id;
    private final ResourceType type;
    private final FibreZone zone;
    private final int x;
    private final int y;
    private final Integer capacity;
    private final Set<String> features;
    private final List<MinuteInterval> availability;

    public PlanResource(String id, ResourceType type, FibreZone zone, int x, int y, Integer capacity,
            Set<String> features, List<MinuteInterval> availability) {
        this.id = id;
        this.type = type;
        this.zone = zone;
        this.x = x;
        this.y = y;
        this.capacity = capacity;
        this.features = Set.copyOf(features);
        this.availability = mergeTouching(availability);
    }

    public String id() {
        return id;
    }

    public ResourceType type() {
        return type;
    }

    public FibreZone zone() {
        return zone;
    }

    public int x() {
        return x;
    }

    public int y() {
        return y;
    }

    /** People for rooms and positions, {@link Centimetres} of vehicle length for parking; null means unlimited. */
    public Integer capacity() {
        return capacity;
    }

    /** "7.5 m" for parking, "2" (people) otherwise, "unlimited" without a capacity. */
    public String describeCapacity() {
        if (capacity == null) {
            return "unlimited";
        }
        return type.isParking() ? Centimetres.asMetres(capacity) : String.valueOf(capacity);
    }

    public Set<String> features() {
        return features;
    }

    public List<MinuteInterval> availability() {
        return availability;
    }

    public int walkTo(PlanResource other) {
        return Math.abs(x - other.x) + Math.abs(y - other.y);
    }

    /**
     * Hard rule 4: the booking starts inside an availability interval and ends inside one (its end may equal the
     * interval's end). Closed hours between the two are held by the booking.
     */
    public boolean isAvailable(int start, int end) {
        boolean startsInside = false;
        boolean endsInside = false;
        for (MinuteInterval interval : availability) {
            startsInside |= interval.from() <= start && start < interval.to();
            endsInside |= interval.from() < end && end <= interval.to();
        }
        return startsInside && endsInside && start < end;
    }

    /** "Touching intervals count as one": merged once, so that a booking may run across the seam. */
    static List<MinuteInterval> mergeTouching(List<MinuteInterval> intervals) {
        var sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingInt(MinuteInterval::from));
        var merged = new ArrayList<MinuteInterval>();
        for (MinuteInterval next : sorted) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1).to() >= next.from()) {
                var last = merged.remove(merged.size() - 1);
                merged.add(new MinuteInterval(last.from(), Math.max(last.to(), next.to())));
            } else {
                merged.add(next);
            }
        }
        return List.copyOf(merged);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PlanResource resource && id.equals(resource.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
