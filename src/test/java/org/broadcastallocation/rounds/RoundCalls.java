package org.broadcastallocation.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.ApiClient.PLANNER;

import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.broadcastallocation.ApiClient;

/** One event's rounds as a planner drives them over HTTP: create, solve, wait, read, place by hand. */
final class RoundCalls {

    private final ApiClient api;
    private final String event;

    RoundCalls(ApiClient api, String event) {
        this.api = api;
        this.event = event;
    }

    String rounds() {
        return "/api/events/" + event + "/rounds";
    }

    String requests() {
        return "/api/events/" + event + "/requests";
    }

    int create() {
        var created = api.call(PLANNER, "POST", rounds(), "{}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("round").asInt();
    }

    JsonNode solved(int round, int seconds) throws InterruptedException {
        var answer = api.call(PLANNER, "POST", rounds() + "/" + round + "/solve?seconds=" + seconds, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return awaitEnd(round);
    }

    JsonNode awaitEnd(int round) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            var state = round(round);
            if (!Set.of("SOLVING", "QUEUED", "CREATED").contains(state.get("status").asText())) {
                return state;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("round " + round + " of " + event + " did not end in time");
    }

    JsonNode round(int round) {
        return api.call(PLANNER, "GET", rounds() + "/" + round, null).json();
    }

    JsonNode report(int round) {
        return api.call(PLANNER, "GET", rounds() + "/" + round + "/report", null).json();
    }

    ApiClient.Response place(int round, String request, String body) {
        return api.call(PLANNER, "PUT", rounds() + "/" + round + "/allocations/" + request, body);
    }

    ApiClient.Response recommendations(int round, String request) {
        return api.call(PLANNER, "GET", rounds() + "/" + round + "/requests/" + request + "/recommendations", null);
    }

    ApiClient.Response publish(int round) {
        return api.call(PLANNER, "POST", rounds() + "/" + round + "/publish", null);
    }

    String status(String request) {
        return api.call(PLANNER, "GET", requests() + "/" + request, null).json().get("status").asText();
    }

    /** Each pin of the event as "resource start" (the start as an instant), read from the database. */
    static Map<String, String> pins(JdbcClient jdbc, String event) {
        var pins = new HashMap<String, String>();
        jdbc.sql("select request_id, resource_id, starts_at from pinned_allocation where event_id = ?").param(event)
                .query((ResultSet row) -> {
                    pins.put(row.getString(1), row.getString(2) + " " + row.getObject(3,
                            OffsetDateTime.class).toInstant());
                });
        return pins;
    }

    /** The report's allocation of the request, or null when it is unassigned. */
    JsonNode allocationOf(JsonNode report, String request) {
        for (var allocation : report.get("allocations")) {
            if (allocation.get("request").asText().equals(request)) {
                return allocation;
            }
        }
        return null;
    }
}
