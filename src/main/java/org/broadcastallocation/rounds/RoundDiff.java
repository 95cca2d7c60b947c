package org.broadcastallocation.rounds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What changed from one round to another, request by request: moved (another resource or start), newly served,
 * newly unserved. A request placed alike in both is no change, whatever offset its times were written in.
 */
record RoundDiff(int round, int other, int moved, int newlyServed, int newlyUnserved, List<Change> changes) {

    /** {@code before}/{@code after}: "resource start-instant", or null where the round left it out. */
    record Change(String request, String before, String after) {
    }

    static RoundDiff between(int round, List<Rounds.Placed> before, int other, List<Rounds.Placed> after) {
        var from = placements(before);
        var to = placements(after);
        var requests = new TreeSet<>(from.keySet());
        requests.addAll(to.keySet());
        var changes = new ArrayList<Change>();
        int moved = 0;
        int served = 0;
        int unserved = 0;
        for (String request : requests) {
            String was = from.get(request);
            String is = to.get(request);
            if (was == null) {
                served++;
            } else if (is == null) {
                unserved++;
            } else if (!was.equals(is)) {
                moved++;
            } else {
                continue;
            }
            changes.add(new Change(request, was, is));
        }
        return new RoundDiff(round, other, moved, served, unserved, changes);
    }

    private static Map<String, String> placements(List<Rounds.Placed> allocations) {
        var placements = new HashMap<String, String>();
        allocations.forEach(allocation -> placements.put(allocation.requestId(),
                allocation.resourceId() + " " + allocation.start().toInstant()));
        return placements;
    }
}
