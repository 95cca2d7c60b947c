package org.broadcastallocation.rounds;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.broadcastallocation.events.LocalTimes;
import org.broadcastallocation.problem.ResourceType;

/**
 * A round's allocations as the console draws them: one lane per resource of the round's snapshot (in its order), each
 * with its allocations in the event's own time. An allocation on a resource the snapshot lacks has no lane to go in.
 */
final class RoundTimeline {

    /** {@code byHand}: a planner placed it there by hand in this round. */
    record Bar(String request, String organisation, OffsetDateTime start, OffsetDateTime end, boolean pinned,
            boolean byHand) {
    }

    record Lane(String resource, ResourceType type, List<Bar> allocations) {
    }

    private RoundTimeline() {
    }

    /** {@code type}: only that type's lanes; null for all. */
    static List<Lane> of(Rounds.SnapshotSite site, List<Rounds.Placed> allocations, ResourceType type) {
        var zone = ZoneId.of(site.timeZone());
        var organisations = site.organisationOfRequest();
        var lanes = new LinkedHashMap<String, Lane>();
        site.resources().stream().filter(resource -> type == null || resource.type() == type)
                .forEach(resource -> lanes.put(resource.id(), new Lane(resource.id(), resource.type(),
                        new ArrayList<>())));
        for (var allocation : allocations) {
            var lane = lanes.get(allocation.resourceId());
            if (lane != null) {
                lane.allocations().add(new Bar(allocation.requestId(), organisations.get(allocation.requestId()),
                        LocalTimes.at(allocation.start(), zone), LocalTimes.at(allocation.end(), zone),
                        allocation.pinned(), allocation.byHand()));
            }
        }
        return List.copyOf(lanes.values());
    }
}
