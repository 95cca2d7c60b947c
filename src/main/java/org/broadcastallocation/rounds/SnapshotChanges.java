package org.broadcastallocation.rounds;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.requests.StoredRequest;

/**
 * What changed between a round's snapshot and now that its decisions may no longer speak for: a request amended or
 * withdrawn since, a resource deleted, closed or redefined since. A round decided on the snapshot; a place it chose
 * is only promised if the request and the resource are still what the round saw, so that every pin fits the request
 * as it is now.
 */
final class SnapshotChanges {

    private final int round;
    private final Map<String, ProblemDocument.Request> seen = new HashMap<>();
    private final Map<String, ProblemDocument.Resource> seenResources = new HashMap<>();
    private final Map<String, StoredRequest> requests = new HashMap<>();
    private final Map<String, ProblemDocument.Resource> resources = new HashMap<>();
    private final Set<String> open;

    /**
     * @param openResources the ids of the resources open now (not closed)
     */
    SnapshotChanges(int round, ProblemDocument snapshot, List<StoredRequest> requestsNow,
            List<ProblemDocument.Resource> resourcesNow, Set<String> openResources) {
        this.round = round;
        snapshot.requests().forEach(request -> seen.put(request.id(), request));
        snapshot.resources().forEach(resource -> seenResources.put(resource.id(), resource));
        requestsNow.forEach(request -> requests.put(request.id(), request));
        resourcesNow.forEach(resource -> resources.put(resource.id(), resource));
        this.open = openResources;
    }

    /** Whether the round saw this request, as it is now. */
    boolean sawAsItIs(String requestId) {
        var now = requests.get(requestId);
        var then = seen.get(requestId);
        return now != null && then != null && sameAsk(then, now.request());
    }

    /** Why the round's placement of the request on the resource may not be promised now; empty when it may. */
    Optional<String> whyNotPromised(String requestId, String resourceId) {
        var now = requests.get(requestId);
        if (now == null || !now.status().isOpen()) {
            return Optional.of("request " + requestId + " was " + (now == null ? "removed" : now.status())
                    + " after round " + round + " was snapshotted");
        }
        if (!sawAsItIs(requestId)) {
            return Optional.of("request " + requestId + " was amended after round " + round + " was snapshotted;"
                    + " it takes part in the next round as it is now");
        }
        var resource = resources.get(resourceId);
        if (resource == null) {
            return Optional.of("resource " + resourceId + " was deleted after round " + round + " was snapshotted");
        }
        if (!open.contains(resourceId)) {
            return Optional.of("resource " + resourceId + " was closed after round " + round + " was snapshotted");
        }
        var then = seenResources.get(resourceId);
        if (then == null || !then.sameForTheRules(resource)) {
            return Optional.of("resource " + resourceId + " was changed after round " + round + " was snapshotted");
        }
        return Optional.empty();
    }

    /**
     * The same ask: every field a rule or a weight reads. Times are compared as instants (the snapshot writes them in
     * the event's offset, the database reads them in UTC).
     */
    static boolean sameAsk(ProblemDocument.Request a, ProblemDocument.Request b) {
        return a.type() == b.type()
                && sameInstant(a.window().from(), b.window().from()) && sameInstant(a.window().to(), b.window().to())
                && Objects.equals(a.durationMinutes(), b.durationMinutes())
                && Objects.equals(a.crewSize(), b.crewSize())
                && Objects.equals(a.vehicle(), b.vehicle())
                && orEmpty(a.requiredFeatures()).equals(orEmpty(b.requiredFeatures()))
                && orEmpty(a.preferredFeatures()).equals(orEmpty(b.preferredFeatures()))
                && sameInstant(a.preferredStart(), b.preferredStart())
                && a.fibre() == b.fibre()
                && priority(a) == priority(b)
                && sameInstant(a.submittedAt(), b.submittedAt());
    }

    private static boolean sameInstant(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b == null : b != null && a.isEqual(b);
    }

    private static int priority(ProblemDocument.Request request) {
        return request.priority() == null ? 2 : request.priority();
    }

    private static Set<String> orEmpty(Set<String> names) {
        return names == null ? Set.of() : names;
    }
}
