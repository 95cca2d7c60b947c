package org.broadcastallocation.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.ApiClient.PLANNER;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;

/**
 * A planner's hand placement racing a solve, and racing a publish, of the same round, over HTTP on PostgreSQL: in
 * every order (forced by row locks the test holds, and left to chance over repetitions started together) no hand
 * placement is lost silently (it is in the round afterwards, or refused 409 with a problem detail saying why), no
 * published allocation moves, the round's report breaks no hard rule, and nothing answers 500.
 *
 * <p>Each case is an event of its own: round 1 published with three of five booths closed (two confirmed, two
 * waitlisted), round 2 solved on its pins (the two waitlisted placed, one booth free), and the hand moving one of
 * round 2's requests onto the free booth.
 */
@ServiceTest
class HandPlacementRacesTest {

    private static final String WHOLE_WINDOW = "2025-06-23T09:00:00+02:00";
    private static final int REPETITIONS = 5;
    private static int imported;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource database;

    private ApiClient api;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aPlacementHoldingTheRoundWhenTheSolveArrivesIsSolvedAroundAndKept() throws Exception {
        for (boolean earlierHandPlacement : new boolean[] {true, false}) {
            var race = ready(earlierHandPlacement);
            try (var held = HeldLock.take(database, "select 1 from round_allocation where event_id = ? and"
                    + " round_number = ? for update", race.event, race.round)) {
                var place = threads.submit(race::place);
                HeldLock.awaitWaiting(jdbc, "delete from round_allocation");
                var solve = threads.submit(race::solve);
                if (earlierHandPlacement) {
                    // Solvable again as committed: the claim waits for the placement, then solves around it.
                    HeldLock.awaitWaiting(jdbc, "update round set status");
                } else {
                    // SOLVED and unchanged as committed: nothing to solve again, refused without waiting.
                    var refused = solve.get();
                    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
                }
                held.close();
                race.check(place.get(), solve.get(), null);
            }
            assertThat(race.lastPlace.status()).isEqualTo(200);
            assertThat(race.lastSolve.status()).isEqualTo(earlierHandPlacement ? 202 : 409);
        }
    }

    @Test
    void aPlacementWaitingWhileTheSolveClaimsTheRoundIsRefusedSayingItSolves() throws Exception {
        var race = ready(true);
        try (var held = HeldLock.take(database, "select 1 from event where id = ? for no key update", race.event)) {
            var place = threads.submit(race::place);
            HeldLock.awaitWaiting(jdbc, "select pins_version from event");
            var solved = race.solve();
            assertThat(solved.status()).as(solved.body()).isEqualTo(202);
            held.close();
            race.check(place.get(), solved, null);
        }
        assertThat(race.lastPlace.status()).isEqualTo(409);
        assertThat(race.lastPlace.json().get("detail").asText()).contains("SOLVING");
    }

    @Test
    void aPlacementHoldingTheRoundWhenThePublishArrivesIsPublished() throws Exception {
        var race = ready(false);
        try (var held = HeldLock.take(database, "select 1 from round_allocation where event_id = ? and"
                + " round_number = ? for update", race.event, race.round)) {
            var answers = held.letGoOnceWaiting(jdbc, threads, race::place, "delete from round_allocation",
                    race::publish, "select pins_version from event");
            race.check(answers.get(0), null, answers.get(1));
        }
        assertThat(race.lastPlace.status()).isEqualTo(200);
        assertThat(race.lastPublish.status()).isEqualTo(200);
    }

    @Test
    void aPlacementWaitingWhileTheRoundIsPublishedIsRefusedSayingItIsPublished() throws Exception {
        var race = ready(false);
        try (var held = HeldLock.take(database, "select 1 from request where event_id = ? for update",
                race.event)) {
            var answers = held.letGoOnceWaiting(jdbc, threads, race::publish, "update request", race::place,
                    "select pins_version from event");
            race.check(answers.get(1), null, answers.get(0));
        }
        assertThat(race.lastPlace.status()).isEqualTo(409);
        assertThat(race.lastPlace.json().get("detail").asText()).contains("published");
        assertThat(race.lastPublish.status()).isEqualTo(200);
    }

    @Test
    void aPlacementAndASolveStartedTogetherKeepEveryPromiseWhicheverGoesFirst() throws Exception {
        for (int i = 0; i < REPETITIONS; i++) {
            var race = ready(i % 2 == 0);
            var answers = together(race::place, race::solve);
            race.check(answers.get(0), answers.get(1), null);
        }
    }

    @Test
    void aPlacementAndAPublishStartedTogetherKeepEveryPromiseWhicheverGoesFirst() throws Exception {
        for (int i = 0; i < REPETITIONS; i++) {
            var race = ready(false);
            var answers = together(race::place, race::publish);
            race.check(answers.get(0), null, answers.get(1));
        }
    }

    /** Both calls sent at one moment, each from a thread of its own. */
    private List<ApiClient.Response> together(Supplier<ApiClient.Response> first,
            Supplier<ApiClient.Response> second) {
        var barrier = new CyclicBarrier(2);
        var answers = List.of(first, second).stream().map(call -> CompletableFuture.supplyAsync(() -> {
            try {
                barrier.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return call.get();
        }, threads)).toList();
        return answers.stream().map(CompletableFuture::join).toList();
    }

    /**
     * A new event with round 1 published and round 2 solved, and the hand's move chosen: a request of round 2 to
     * the booth round 2 left free. {@code earlierHandPlacement}: a request of round 2 already placed by hand where
     * it is (so that the SOLVED round may be solved again).
     */
    private Race ready(boolean earlierHandPlacement) throws InterruptedException {
        String event = "hand-race-" + (++imported);
        var fixture = Fixture.hague().zone("EDIT", 8);
        for (String organisation : List.of("nos", "bbc", "cnn", "rai")) {
            fixture.organisation(organisation, BROADCASTER);
        }
        for (int booth = 1; booth <= 5; booth++) {
            fixture.resource("EB-0" + booth, EDIT_BOOTH, "EDIT", 550 + 10 * booth, 0, 2);
        }
        fixture.request("nos-1", "nos", EDIT_BOOTH).crew(2).submittedMay(1).and()
                .request("bbc-1", "bbc", EDIT_BOOTH).crew(2).submittedMay(2).and()
                .request("cnn-1", "cnn", EDIT_BOOTH).crew(2).submittedMay(3).and()
                .request("rai-1", "rai", EDIT_BOOTH).crew(2).submittedMay(4);
        api.importEvent(fixture.document(), event);
        var calls = new RoundCalls(api, event);
        var first = api.call(PLANNER, "POST", calls.rounds(), "{\"closedResources\": [\"EB-03\", \"EB-04\","
                + " \"EB-05\"]}");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        int published = first.json().get("round").asInt();
        calls.solved(published, 1);
        assertThat(calls.publish(published).status()).isEqualTo(200);
        var pins = pins(event);
        assertThat(pins).hasSize(2);

        int round = calls.create();
        assertThat(calls.solved(round, 1).get("status").asText()).isEqualTo("SOLVED");
        var report = calls.report(round);
        var used = new HashSet<String>();
        String moved = null;
        for (var allocation : report.get("allocations")) {
            used.add(allocation.get("resource").asText());
            if (!allocation.get("pinned").asBoolean()) {
                moved = allocation.get("request").asText();
            }
        }
        assertThat(moved).as("round 2 places a waitlisted request: " + report).isNotNull();
        String free = List.of("EB-01", "EB-02", "EB-03", "EB-04", "EB-05").stream()
                .filter(booth -> !used.contains(booth)).findFirst().orElseThrow();
        if (earlierHandPlacement) {
            String other = moved;
            var stays = StreamSupport.stream(report.get("allocations").spliterator(), false)
                    .filter(allocation -> !allocation.get("pinned").asBoolean()
                            && !allocation.get("request").asText().equals(other))
                    .findFirst().orElseThrow();
            var kept = calls.place(round, stays.get("request").asText(), "{\"resource\": \""
                    + stays.get("resource").asText() + "\", \"start\": \"" + stays.get("start").asText() + "\"}");
            assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        }
        return new Race(event, round, calls, moved, free, pins);
    }

    /** One round's race: the hand's move, the calls that race it, and what must hold afterwards. */
    private final class Race {
        final String event;
        final int round;
        final RoundCalls calls;
        final String request;
        final String booth;
        final Map<String, String> pinsBefore;
        volatile ApiClient.Response lastPlace;
        volatile ApiClient.Response lastPublish;
        volatile ApiClient.Response lastSolve;

        Race(String event, int round, RoundCalls calls, String request, String booth, Map<String, String> pins) {
            this.event = event;
            this.round = round;
            this.calls = calls;
            this.request = request;
            this.booth = booth;
            this.pinsBefore = pins;
        }

        ApiClient.Response place() {
            lastPlace = calls.place(round, request, "{\"resource\": \"" + booth + "\", \"start\": \"" + WHOLE_WINDOW
                    + "\"}");
            return lastPlace;
        }

        ApiClient.Response solve() {
            lastSolve = api.call(PLANNER, "POST", calls.rounds() + "/" + round + "/solve?seconds=1", null);
            return lastSolve;
        }

        ApiClient.Response publish() {
            lastPublish = calls.publish(round);
            return lastPublish;
        }

        /** What must hold whatever the order; {@code solve} or {@code publish} null: not raced. */
        void check(ApiClient.Response place, ApiClient.Response solve, ApiClient.Response publish)
                throws InterruptedException {
            String order = "place " + place.status() + " " + place.body() + (solve == null ? ""
                    : "; solve " + solve.status() + " " + solve.body()) + (publish == null ? ""
                    : "; publish " + publish.status() + " " + publish.body());
            refusedOnlyAsConflict(place, order);
            assertThat(place.status()).as(order).isIn(200, 409);
            if (solve != null) {
                refusedOnlyAsConflict(solve, order);
                assertThat(solve.status()).as(order).isIn(202, 409);
            }
            if (publish != null) {
                refusedOnlyAsConflict(publish, order);
                assertThat(publish.status()).as(order).isIn(200, 409);
            }
            var ended = calls.awaitEnd(round);
            var report = calls.report(round);
            var placed = calls.allocationOf(report, request);
            var handRow = jdbc.sql("select resource_id from round_hand_placement where event_id = ? and"
                    + " round_number = ? and request_id = ?").params(event, round, request).query(String.class)
                    .optional();
            if (place.status() == 200) {
                assertThat(placed).as("the hand placement is in the round: " + order + "; " + report).isNotNull();
                assertThat(placed.get("resource").asText()).as(order).isEqualTo(booth);
                assertThat(placed.path("byHand").asBoolean()).as(order).isTrue();
                assertThat(handRow).as(order).contains(booth);
            } else {
                assertThat(handRow).as("a refused placement is not kept: " + order).isEmpty();
            }
            assertThat(report.get("score").get("hard").asInt()).as(order + "; " + report).isZero();
            assertThat(report.path("hardViolations").size()).as(order + "; " + report).isZero();
            noDoubleBooking(report, order);

            var pinsAfter = pins(event);
            assertThat(pinsAfter).as("no published allocation moves: " + order).containsAllEntriesOf(pinsBefore);
            for (var pinned : pinsBefore.keySet()) {
                var there = calls.allocationOf(report, pinned);
                assertThat(there.get("pinned").asBoolean()).as(order).isTrue();
                assertThat(there.get("resource").asText() + " " + instant(there.get("start").asText()))
                        .as("round " + round + " keeps " + pinned + " at its pin: " + order)
                        .isEqualTo(pinsBefore.get(pinned));
            }
            if (ended.get("status").asText().equals("PUBLISHED")) {
                assertThat(publish).as(order).isNotNull();
                assertThat(publish.status()).as(order).isEqualTo(200);
                for (var allocation : report.get("allocations")) {
                    assertThat(pinsAfter.get(allocation.get("request").asText()))
                            .as("published where the round put it: " + order)
                            .isEqualTo(allocation.get("resource").asText() + " "
                                    + instant(allocation.get("start").asText()));
                }
                assertThat(calls.status(request)).as(order).isEqualTo("CONFIRMED");
            } else {
                assertThat(pinsAfter).as(order).isEqualTo(pinsBefore);
            }
        }
    }

    private static void refusedOnlyAsConflict(ApiClient.Response answer, String order) {
        assertThat(answer.status()).as("never a 5xx: " + order).isLessThan(500);
        if (answer.status() >= 400) {
            assertThat(answer.contentType()).as(order).startsWith("application/problem+json");
            assertThat(answer.json().path("detail").asText()).as(order).isNotBlank();
        }
    }

    /** Independently of the score: no two allocations of the report overlap on one resource. */
    private static void noDoubleBooking(JsonNode report, String order) {
        var allocations = report.get("allocations");
        for (int i = 0; i < allocations.size(); i++) {
            for (int j = i + 1; j < allocations.size(); j++) {
                var a = allocations.get(i);
                var b = allocations.get(j);
                boolean overlap = a.get("resource").asText().equals(b.get("resource").asText())
                        && OffsetDateTime.parse(a.get("start").asText()).isBefore(
                                OffsetDateTime.parse(b.get("end").asText()))
                        && OffsetDateTime.parse(b.get("start").asText()).isBefore(
                                OffsetDateTime.parse(a.get("end").asText()));
                assertThat(overlap).as(a + " and " + b + " overlap: " + order).isFalse();
            }
        }
    }

    private static String instant(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant().toString();
    }

    private Map<String, String> pins(String event) {
        return RoundCalls.pins(jdbc, event);
    }
}
