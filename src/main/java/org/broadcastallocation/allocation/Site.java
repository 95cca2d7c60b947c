package org.broadcastallocation.allocation;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

import org.broadcastallocation.problem.ResourceType;

/**
 * The site's walking baseline: for a parking type and another resource type, the shortest walk between any parking
 * resource of that type and any resource of the other. The walking term charges only what lies beyond it, so a van
 * placed as well as the site allows costs nothing.
 */
public final class Site {

    private final Map<ResourceType, Map<ResourceType, Integer>> shortestWalk = new EnumMap<>(ResourceType.class);

    public Site(Collection<PlanResource> resources) {
        for (PlanResource parking : resources) {
            if (!parking.type().isParking()) {
                continue;
            }
            var row = shortestWalk.computeIfAbsent(parking.type(), type -> new EnumMap<>(ResourceType.class));
            for (PlanResource other : resources) {
                if (!other.type().isParking()) {
                    row.merge(other.type(), parking.walkTo(other), Math::min);
                }
            }
        }
    }

    public int shortestWalk(ResourceType parkingType, ResourceType otherType) {
        return shortestWalk.getOrDefault(parkingType, Map.of()).getOrDefault(otherType, 0);
    }

    /** Metres walked between the two beyond the site's best for their types; never negative. */
    public int walkBeyondShortest(PlanResource parking, PlanResource other) {
        return Math.max(0, parking.walkTo(other) - shortestWalk(parking.type(), other.type()));
    }
}
