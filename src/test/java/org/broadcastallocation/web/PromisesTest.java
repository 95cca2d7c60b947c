package org.broadcastallocation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.broadcastallocation.ApiClient.PLANNER;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;

/**
 * What publishing promises, tried as two planners acting at once would: a confirmation is never taken back by a
 * round that ends later, never made at a place that no longer fits, never doubled by a second publish.
 */
@ServiceTest
@TestPropertySource(properties = {"broadcast.rounds.heartbeat-timeout-seconds=3",
    "broadcast.rounds.heartbeat-interval-millis=300", "broadcast.rounds.recovery-interval-millis=300"})
class PromisesTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private static int imported;
    private ApiClient api;
    private String event;

    /** Four booth requests for two booths: every round has a loser, so no solve ends before its time limit. */
    @BeforeEach
    void importEvent() {
        api = new ApiClient(port);
        event = "promises-" + (++imported);
        api.importEvent(contested(), event);
    }

    private static org.broadcastallocation.problem.ProblemDocument contested() {
        return Fixture.hague().zone("EDIT", 8)
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER).organisation("cnn", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2)
                .resource("EB-02", EDIT_BOOTH, "EDIT", 560, 0, 2)
                .request("nos-1", "nos", EDIT_BOOTH).crew(2).submittedMay(1).and()
                .request("bbc-1", "bbc", EDIT_BOOTH).crew(2).submittedMay(2).and()
                .request("cnn-1", "cnn", EDIT_BOOTH).crew(2).submittedMay(3).and()
                .request("nos-2", "nos", EDIT_BOOTH).crew(2).submittedMay(4).and()
                .document();
    }

    @Test
    void aRoundThatEndsAfterAnotherRoundsPublishTakesNoConfirmationBack() throws Exception {
        int first = create();
        int whatIf = create();
        solve(first, 1);
        awaitEnd(first);
        solve(whatIf, 3);

        assertThat(publish(first).status()).isEqualTo(200);
        var confirmed = withStatus("CONFIRMED");
        assertThat(confirmed).hasSize(2);
        awaitEnd(whatIf);

        assertThat(withStatus("CONFIRMED")).as("still confirmed after the what-if round ended").isEqualTo(confirmed);
        String owner = confirmed.contains("nos-1") ? "nos" : "bbc";
        var allocations = api.call(api.mintKey(event, owner), "GET", "/api/events/" + event + "/allocations", null);
        assertThat(allocations.json().size()).isPositive();
        assertThat(round(whatIf).get("stale").asBoolean()).isTrue();
    }

    @Test
    void aRequestAmendedAfterTheSnapshotIsLeftOutOfThePublishAndSaysWhy() throws Exception {
        int round = create();
        solve(round, 1);
        awaitEnd(round);
        String amendedId = withStatus("ALLOCATED").iterator().next();
        String organisation = amendedId.substring(0, 3);
        String key = api.mintKey(event, organisation);
        var current = api.call(key, "GET", requests() + "/" + amendedId, null);
        var amend = api.call(key, "PUT", requests() + "/" + amendedId, new ApiClient.Body(("""
                {"type": "EDIT_BOOTH", "crewSize": 2,
                 "window": {"from": "2025-06-24T07:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}}""")
                .getBytes(), "application/json", false), Map.of("If-Match", current.header("ETag")));
        assertThat(amend.status()).isEqualTo(200);

        var published = publish(round);

        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().get("leftOut").findValuesAsText("request")).containsExactly(amendedId);
        assertThat(published.json().get("leftOut").get(0).get("reason").asText()).contains("amended");
        assertThat(status(amendedId)).isEqualTo("SUBMITTED");
        assertThat(jdbc.sql("select count(*) from pinned_allocation where event_id = ? and request_id = ?")
                .params(event, amendedId).query(Integer.class).single()).isZero();
        assertThat(withStatus("CONFIRMED")).hasSize(1);
    }

    @Test
    void ofTwoRoundsBuiltOnTheSamePinsPublishedAtOnceOnePublishesAndTheOtherIsStale() throws Exception {
        for (int attempt = 0; attempt < 4; attempt++) {
            int one = create();
            int two = create();
            solve(one, 1);
            awaitEnd(one);
            solve(two, 1);
            awaitEnd(two);
            var start = new CountDownLatch(1);
            var pool = Executors.newFixedThreadPool(2);
            var answers = new ArrayList<java.util.concurrent.Future<Integer>>();
            for (int round : List.of(one, two)) {
                answers.add(pool.submit((Callable<Integer>) () -> {
                    start.await();
                    return publish(round).status();
                }));
            }
            start.countDown();
            var statuses = new ArrayList<Integer>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            pool.shutdown();
            assertThat(statuses).as("attempt " + attempt).containsExactlyInAnyOrder(200, 409);
            assertNoTwoPinsOverlap();
            // Free the booths again for the next attempt.
            for (String request : withStatus("CONFIRMED")) {
                assertThat(api.call(PLANNER, "POST", requests() + "/" + request + "/reject",
                        "{\"reason\": \"attempt over\"}").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void theDatabaseRefusesTwoPinsThatOverlapOnAResource() {
        var start = OffsetDateTime.parse("2025-06-23T09:00:00+02:00");
        jdbc.sql("""
                insert into pinned_allocation (event_id, request_id, resource_id, starts_at, ends_at, round_number)
                values (?, 'nos-1', 'EB-01', ?, ?, 1)""").params(event, start, start.plusHours(4)).update();

        assertThatThrownBy(() -> jdbc.sql("""
                insert into pinned_allocation (event_id, request_id, resource_id, starts_at, ends_at, round_number)
                values (?, 'bbc-1', 'EB-01', ?, ?, 1)""").params(event, start.plusHours(3), start.plusHours(5))
                .update()).isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("pinned_allocation_no_overlap");
        // Back to back is no overlap: intervals are half-open.
        jdbc.sql("""
                insert into pinned_allocation (event_id, request_id, resource_id, starts_at, ends_at, round_number)
                values (?, 'bbc-1', 'EB-01', ?, ?, 1)""").params(event, start.plusHours(4), start.plusHours(5))
                .update();
    }

    @Test
    void aRoundWaitingForTheSolverSaysQueuedAndIsNeverInterruptedForIt() throws Exception {
        String other = event + "-other";
        api.importEvent(contested(), other);
        int busy = create(other);
        assertThat(api.call(PLANNER, "POST", rounds(other) + "/" + busy + "/solve?seconds=6", null).status())
                .isEqualTo(202);
        int waiting = create();

        var queued = solve(waiting, 1);

        assertThat(queued.json().get("status").asText()).isEqualTo("QUEUED");
        Thread.sleep(4_500);
        assertThat(round(waiting).get("status").asText()).as("after the heartbeat timeout").isEqualTo("QUEUED");
        assertThat(awaitEnd(waiting).get("status").asText()).isEqualTo("SOLVED");
        assertThat(awaitEnd(busy, other).get("status").asText()).isEqualTo("SOLVED");
    }

    @Test
    void aResourceDeletedOrClosedSinceTheSnapshotGetsNoPinAndThePublishSaysWhy() throws Exception {
        int round = create();
        solve(round, 1);
        awaitEnd(round);
        var placed = new HashMap<String, String>();
        for (var allocation : api.call(PLANNER, "GET", rounds(event) + "/" + round + "/report", null).json()
                .get("allocations")) {
            placed.put(allocation.get("resource").asText(), allocation.get("request").asText());
        }
        assertThat(api.call(PLANNER, "DELETE", "/api/events/" + event + "/resources/EB-01", null).status())
                .isEqualTo(204);

        var published = publish(round);

        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().get("leftOut").findValuesAsText("request")).containsExactly(placed.get("EB-01"));
        assertThat(published.json().get("leftOut").get(0).get("reason").asText()).contains("EB-01");
        assertThat(withStatus("CONFIRMED")).containsExactly(placed.get("EB-02"));
    }

    @Test
    void aResourceHoldingAPromiseKeepsWhatTheRulesReadOfIt() throws Exception {
        int round = create();
        solve(round, 1);
        awaitEnd(round);
        assertThat(publish(round).status()).isEqualTo(200);
        String booth = "/api/events/" + event + "/resources/EB-01";

        var smaller = api.call(PLANNER, "PUT", booth, """
                {"type": "EDIT_BOOTH", "zone": "EDIT", "x": 550, "y": 0, "capacity": 1}""");
        var moved = api.call(PLANNER, "PUT", booth, """
                {"type": "EDIT_BOOTH", "zone": "EDIT", "x": 500, "y": 10, "capacity": 2}""");

        assertThat(smaller.status()).as(smaller.body()).isEqualTo(409);
        assertThat(smaller.json().get("detail").asText()).contains("holds published allocations");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(api.call(PLANNER, "GET", booth, null).json().toString()).contains("\"capacity\":2");
    }

    @Test
    void roundsCreatedAtOnceEachGetTheirOwnNumber() throws Exception {
        var pool = Executors.newFixedThreadPool(6);
        var start = new CountDownLatch(1);
        var answers = new ArrayList<java.util.concurrent.Future<ApiClient.Response>>();
        for (int i = 0; i < 6; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return api.call(PLANNER, "POST", rounds(event), "{}");
            }));
        }
        start.countDown();
        var numbers = new HashSet<Integer>();
        for (var answer : answers) {
            var response = answer.get();
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            numbers.add(response.json().get("round").asInt());
        }
        pool.shutdown();
        assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    }

    private void assertNoTwoPinsOverlap() {
        int overlaps = jdbc.sql("""
                select count(*) from pinned_allocation a join pinned_allocation b
                  on a.event_id = b.event_id and a.resource_id = b.resource_id and a.request_id < b.request_id
                 and a.starts_at < b.ends_at and b.starts_at < a.ends_at
                where a.event_id = ?""").param(event).query(Integer.class).single();
        assertThat(overlaps).isZero();
    }

    private Set<String> withStatus(String status) {
        var ids = new HashSet<String>();
        for (var request : api.call(PLANNER, "GET", requests(), null).json()) {
            if (request.get("status").asText().equals(status)) {
                ids.add(request.get("id").asText());
            }
        }
        return ids;
    }

    private String status(String request) {
        return api.call(PLANNER, "GET", requests() + "/" + request, null).json().get("status").asText();
    }

    private int create() {
        return create(event);
    }

    private int create(String eventId) {
        var created = api.call(PLANNER, "POST", rounds(eventId), "{}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("round").asInt();
    }

    private ApiClient.Response solve(int round, int seconds) {
        var answer = api.call(PLANNER, "POST", rounds(event) + "/" + round + "/solve?seconds=" + seconds, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer;
    }

    private ApiClient.Response publish(int round) {
        return api.call(PLANNER, "POST", rounds(event) + "/" + round + "/publish", null);
    }

    private JsonNode round(int round) {
        return api.call(PLANNER, "GET", rounds(event) + "/" + round, null).json();
    }

    private JsonNode awaitEnd(int round) throws InterruptedException {
        return awaitEnd(round, event);
    }

    private JsonNode awaitEnd(int round, String eventId) throws InterruptedException {
        Predicate<JsonNode> ended = state -> !Set.of("SOLVING", "QUEUED").contains(state.get("status").asText());
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            var state = api.call(PLANNER, "GET", rounds(eventId) + "/" + round, null).json();
            if (ended.test(state)) {
                return state;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("round " + round + " of " + eventId + " did not end in time");
    }

    private String requests() {
        return "/api/events/" + event + "/requests";
    }

    private static String rounds(String eventId) {
        return "/api/events/" + eventId + "/rounds";
    }
}
