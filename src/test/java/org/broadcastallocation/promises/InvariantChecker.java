package org.broadcastallocation.promises;

import java.time.Duration;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.broadcastallocation.promises.Invariant.Broken;
import org.broadcastallocation.promises.PromiseModel.Promise;

/**
 * Reads the event straight from the database (requests, pins, resources, rounds and their reports) and says which
 * promises are broken, measured against what the model knows of the answers the service gave.
 */
final class InvariantChecker {

    /** A round's end and a publish closer than this are taken to be simultaneous: either order is allowed. */
    private static final Duration SIMULTANEOUS = Duration.ofMillis(250);
    /** A round solving on a live instance longer than this has not ended (its limit is 1 s). */
    private static final Duration LIVE_SOLVE = Duration.ofSeconds(25);

    private final JdbcClient jdbc;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Outcomes> reports = new HashMap<>();
    /** Type and capacity never change in a sequence (a resource is only closed or opened): read once per event. */
    private final Map<String, Map<String, ResourceRow>> resources = new HashMap<>();

    InvariantChecker(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record RequestRow(String id, String status, String type, OffsetDateTime from, OffsetDateTime to,
            Integer duration, Integer crew, BigDecimal metres) {
        long windowMinutes() {
            return Duration.between(from, to).toMinutes();
        }
    }

    record PinRow(String request, String resource, OffsetDateTime start, OffsetDateTime end, int round) {
        @Override
        public String toString() {
            return resource + " " + start.toInstant() + "-" + end.toInstant() + " (round " + round + ")";
        }
    }

    record ResourceRow(String id, String type, BigDecimal capacity) {
    }

    record RoundRow(String eventId, int number, String status, int pinsVersion, Integer hard, String claimedBy,
            OffsetDateTime heartbeatAt, OffsetDateTime startedAt, OffsetDateTime endedAt,
            OffsetDateTime publishedAt, Long solvingMillis, OffsetDateTime now) {
    }

    /** What a round decided, from its stored report: requests placed (not pinned) and left unassigned. */
    record Outcomes(Set<String> allocated, Set<String> unassigned) {
    }

    List<RoundRow> rounds(String eventId) {
        return jdbc.sql("""
                select event_id, number, status, pins_version, score_hard, claimed_by, heartbeat_at, started_at,
                       ended_at, published_at, solving_millis, now()
                from round where event_id = ? order by number""").param(eventId)
                .query((row, index) -> new RoundRow(row.getString(1), row.getInt(2), row.getString(3), row.getInt(4),
                        (Integer) row.getObject(5), row.getString(6), row.getObject(7, OffsetDateTime.class),
                        row.getObject(8, OffsetDateTime.class), row.getObject(9, OffsetDateTime.class),
                        row.getObject(10, OffsetDateTime.class), (Long) row.getObject(11),
                        row.getObject(12, OffsetDateTime.class)))
                .list();
    }

    int pinsVersion(String eventId) {
        return jdbc.sql("select pins_version from event where id = ?").param(eventId).query(Integer.class).single();
    }

    RoundRow round(String eventId, int number) {
        return rounds(eventId).stream().filter(round -> round.number() == number).findFirst().orElse(null);
    }

    List<PinRow> pins(String eventId) {
        return jdbc.sql("""
                select request_id, resource_id, starts_at, ends_at, round_number from pinned_allocation
                where event_id = ? order by resource_id, starts_at""").param(eventId)
                .query((row, index) -> new PinRow(row.getString(1), row.getString(2),
                        row.getObject(3, OffsetDateTime.class), row.getObject(4, OffsetDateTime.class),
                        row.getInt(5)))
                .list();
    }

    Map<String, RequestRow> requests(String eventId) {
        return jdbc.sql("""
                select id, status, type, window_from, window_to, duration_minutes, crew_size, vehicle_length
                from request where event_id = ?""").param(eventId)
                .query((row, index) -> new RequestRow(row.getString(1), row.getString(2), row.getString(3),
                        row.getObject(4, OffsetDateTime.class), row.getObject(5, OffsetDateTime.class),
                        (Integer) row.getObject(6), (Integer) row.getObject(7), row.getBigDecimal(8)))
                .list().stream().collect(Collectors.toMap(RequestRow::id, request -> request));
    }

    private Map<String, ResourceRow> resources(String eventId) {
        return jdbc.sql("select id, type, capacity from resource where event_id = ?").param(eventId)
                .query((row, index) -> new ResourceRow(row.getString(1), row.getString(2),
                        row.getBigDecimal(3)))
                .list().stream().collect(Collectors.toMap(ResourceRow::id, resource -> resource));
    }

    /** Every promise, checked against the database as it is now. */
    List<Broken> check(PromiseModel model, Set<String> deadInstances) {
        var broken = new ArrayList<Broken>();
        var requests = requests(model.eventId);
        var pins = pins(model.eventId);
        var pinByRequest = new HashMap<String, PinRow>();
        pins.forEach(pin -> pinByRequest.put(pin.request(), pin));
        var rounds = rounds(model.eventId);

        promisesKept(model, requests, pinByRequest, broken);
        pinsFit(requests, pins, resources.computeIfAbsent(model.eventId, this::resources), broken);
        noOverlap(pins, broken);
        publishedOncePerPins(rounds, broken);
        statusesFromCurrentRounds(model, requests, pins, rounds, broken);
        var watched = new ArrayList<>(rounds);
        for (var crowd : model.crowdRounds) {
            var round = round(crowd.eventId(), crowd.number());
            if (round != null) {
                watched.add(round);
            }
        }
        interruptedOnlyIfDead(watched, deadInstances, broken);
        return broken;
    }

    private static void promisesKept(PromiseModel model, Map<String, RequestRow> requests,
            Map<String, PinRow> pins, List<Broken> broken) {
        for (var entry : model.promises.entrySet()) {
            String id = entry.getKey();
            Promise promise = entry.getValue();
            var request = requests.get(id);
            var pin = pins.get(id);
            String promised = id + ", confirmed at " + promise.resource() + " " + promise.start() + " (publish of step "
                    + promise.publishedAtStep() + ")";
            // A published fill's place is held for its request as OFFERED until it is accepted (CONFIRMED).
            if (request == null || !(request.status().equals("CONFIRMED") || request.status().equals("OFFERED"))) {
                broken.add(new Broken(Invariant.PROMISE_KEPT, promised + ", is now "
                        + (request == null ? "gone" : request.status()) + " though nobody cancelled or rejected it"));
            }
            if (pin == null) {
                broken.add(new Broken(Invariant.PROMISE_KEPT, promised + ", has no pin any more"));
            } else if (!pin.resource().equals(promise.resource()) || !pin.start().toInstant().equals(promise.start())) {
                broken.add(new Broken(Invariant.PROMISE_KEPT, promised + ", is now pinned at " + pin));
            }
        }
    }

    private static void pinsFit(Map<String, RequestRow> requests, List<PinRow> pins,
            Map<String, ResourceRow> resources, List<Broken> broken) {
        for (var pin : pins) {
            var request = requests.get(pin.request());
            var resource = resources.get(pin.resource());
            // A published fill's place is held for its request as OFFERED until it is accepted (CONFIRMED).
            if (request == null || !(request.status().equals("CONFIRMED") || request.status().equals("OFFERED"))) {
                broken.add(new Broken(Invariant.PIN_FITS, "pin of " + pin.request() + " at " + pin + ", but the"
                        + " request is " + (request == null ? "gone" : request.status())));
                continue;
            }
            var misfits = new ArrayList<String>();
            if (resource == null) {
                misfits.add("the resource is gone");
            } else {
                if (!resource.type().equals(request.type())) {
                    misfits.add("the request is now for " + request.type() + ", the resource is " + resource.type());
                }
                boolean parking = resource.type().startsWith("PARKING");
                BigDecimal need = parking ? request.metres()
                        : request.crew() == null ? null : BigDecimal.valueOf(request.crew());
                if (need != null && resource.capacity() != null && need.compareTo(resource.capacity()) > 0) {
                    misfits.add((parking ? "a vehicle of " + need + " m" : "a crew of " + need) + " exceeds capacity "
                            + resource.capacity());
                }
            }
            if (pin.start().isBefore(request.from()) || pin.end().isAfter(request.to())) {
                misfits.add("outside the window " + request.from().toInstant() + "-" + request.to().toInstant());
            }
            long length = request.duration() == null ? request.windowMinutes()
                    : Math.min(request.duration(), request.windowMinutes());
            long pinned = Duration.between(pin.start(), pin.end()).toMinutes();
            if (pinned != length) {
                misfits.add(pinned + " minutes long, the request asks for " + length);
            }
            if (!misfits.isEmpty()) {
                broken.add(new Broken(Invariant.PIN_FITS, "pin of " + pin.request() + " at " + pin + ": "
                        + String.join("; ", misfits)));
            }
        }
    }

    private static void noOverlap(List<PinRow> pins, List<Broken> broken) {
        var byResource = pins.stream().collect(Collectors.groupingBy(PinRow::resource));
        for (var onResource : byResource.values()) {
            onResource.sort(Comparator.comparing(PinRow::start));
            for (int i = 1; i < onResource.size(); i++) {
                var earlier = onResource.get(i - 1);
                var later = onResource.get(i);
                if (later.start().isBefore(earlier.end())) {
                    broken.add(new Broken(Invariant.NO_OVERLAP, earlier.request() + " at " + earlier + " and "
                            + later.request() + " at " + later));
                }
            }
        }
    }

    private static void publishedOncePerPins(List<RoundRow> rounds, List<Broken> broken) {
        var published = rounds.stream().filter(round -> round.status().equals("PUBLISHED"))
                .collect(Collectors.groupingBy(RoundRow::pinsVersion));
        published.forEach((version, same) -> {
            if (same.size() > 1) {
                broken.add(new Broken(Invariant.PUBLISH_SERIALISED, "rounds "
                        + same.stream().map(round -> String.valueOf(round.number())).collect(Collectors.joining(
                                " and ")) + " were all built on pins version " + version + " and all published"));
            }
        });
    }

    private void statusesFromCurrentRounds(PromiseModel model, Map<String, RequestRow> requests,
            List<PinRow> pins, List<RoundRow> rounds, List<Broken> broken) {
        for (var pin : pins) {
            var round = model.round(pin.round());
            var request = model.requestsById.get(pin.request());
            if (round != null && request != null && request.lastChange > round.createdStep()) {
                broken.add(new Broken(Invariant.STATUS_FROM_CURRENT_ROUND, pin.request() + " was pinned by round "
                        + pin.round() + " (snapshot at step " + round.createdStep() + ") though it was amended at"
                        + " step " + request.lastChange + ", after that snapshot: " + pin));
            }
        }
        var published = rounds.stream().filter(round -> round.publishedAt() != null).toList();
        for (var request : model.requests) {
            var row = requests.get(request.id);
            if (row == null) {
                continue;
            }
            String status = row.status();
            if (status.equals("CONFIRMED") && !model.promises.containsKey(request.id)) {
                broken.add(new Broken(Invariant.STATUS_FROM_CURRENT_ROUND, request.id + " is CONFIRMED but no"
                        + " publish reported it confirmed (no pin the API shows)"));
            }
            if (!status.equals("ALLOCATED") && !status.equals("WAITLISTED")) {
                continue;
            }
            boolean justified = false;
            for (var round : rounds) {
                if (justifies(model, round, request, status, published)) {
                    justified = true;
                    break;
                }
            }
            if (!justified) {
                broken.add(new Broken(Invariant.STATUS_FROM_CURRENT_ROUND, request.id + " is " + status + ", which"
                        + " no current round that saw it as it is now (last changed at step " + request.lastChange
                        + ") decided; rounds: " + describe(model, rounds)));
            }
        }
    }

    /** Whether this round could have given the request its status, and was current when it did. */
    private boolean justifies(PromiseModel model, RoundRow round, PromiseModel.Request request, String status,
            List<RoundRow> published) {
        var known = model.round(round.number());
        if (known == null || request.lastChange > known.createdStep()) {
            return false;
        }
        switch (round.status()) {
            case "SOLVING", "QUEUED" -> {
                // Its outcome may be being written as this reads; it is judged once the round has ended.
                return true;
            }
            case "SOLVED", "STOPPED", "PUBLISHED" -> {
                var outcomes = outcomes(round);
                boolean decided = status.equals("ALLOCATED") ? outcomes.allocated().contains(request.id)
                        : outcomes.unassigned().contains(request.id);
                if (!decided) {
                    return false;
                }
                if (round.status().equals("PUBLISHED") && status.equals("WAITLISTED")) {
                    return true;
                }
                return round.endedAt() != null && published.stream().noneMatch(other -> other.number() != round
                        .number() && other.pinsVersion() >= round.pinsVersion()
                        && other.publishedAt().plus(SIMULTANEOUS).isBefore(round.endedAt()));
            }
            default -> {
                return false;
            }
        }
    }

    private static String describe(PromiseModel model, List<RoundRow> rounds) {
        return rounds.stream().map(round -> {
            var known = model.round(round.number());
            return round.number() + " " + round.status() + " (pins " + round.pinsVersion()
                    + (known == null ? "" : ", snapshot at step " + known.createdStep()) + ")";
        }).collect(Collectors.joining(", "));
    }

    private Outcomes outcomes(RoundRow round) {
        String key = round.eventId() + "#" + round.number() + "#" + round.status() + "#" + round.endedAt();
        return reports.computeIfAbsent(key, ignored -> {
            var report = jdbc.sql("select report::text from round where event_id = ? and number = ?")
                    .params(round.eventId(), round.number()).query(String.class).optional().orElse(null);
            var allocated = new HashSet<String>();
            var unassigned = new HashSet<String>();
            if (report != null) {
                try {
                    JsonNode tree = json.readTree(report);
                    for (var allocation : tree.path("allocations")) {
                        if (!allocation.path("pinned").asBoolean()) {
                            allocated.add(allocation.path("request").asText());
                        }
                    }
                    for (var left : tree.path("unassigned")) {
                        unassigned.add(left.path("request").asText());
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return new Outcomes(allocated, unassigned);
        });
    }

    private static void interruptedOnlyIfDead(List<RoundRow> rounds, Set<String> dead, List<Broken> broken) {
        for (var round : rounds) {
            String where = "round " + round.number() + " of " + round.eventId();
            if (round.status().equals("INTERRUPTED") && round.claimedBy() != null
                    && !dead.contains(round.claimedBy())) {
                broken.add(new Broken(Invariant.INTERRUPTED_ONLY_IF_DEAD, where + " is INTERRUPTED, but instance "
                        + round.claimedBy().substring(0, 8) + " that claimed it never died"));
            }
            if (round.status().equals("FAILED") && round.claimedBy() != null && !dead.contains(round.claimedBy())) {
                broken.add(new Broken(Invariant.ROUND_ENDS, where + " ended FAILED on instance "
                        + round.claimedBy().substring(0, 8) + ", which lives (its solver threw)"));
            }
            if (round.status().equals("SOLVING") && round.claimedBy() != null && round.startedAt() != null) {
                boolean died = dead.contains(round.claimedBy());
                var since = died ? round.heartbeatAt() : round.startedAt();
                var allowed = died ? Duration.ofSeconds(ServiceInstances.HEARTBEAT_TIMEOUT_SECONDS + 10) : LIVE_SOLVE;
                if (since != null && since.plus(allowed).isBefore(round.now())) {
                    broken.add(new Broken(Invariant.ROUND_ENDS, where + " is still SOLVING " + Duration.between(
                            since, round.now()).toSeconds() + " s after " + (died ? "its instance died" : "it started")));
                }
            }
        }
    }
}
