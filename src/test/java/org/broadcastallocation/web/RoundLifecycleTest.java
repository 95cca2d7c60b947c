package org.broadcastallocation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import org.broadcastallocation.ServiceTest;

/** A planner's rounds over HTTP, on the Hague sample: solve, read, publish, and what publishing promises. */
@ServiceTest
class RoundLifecycleTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    private static int imported;

    @Test
    void solveReadPublishAndKeepWhatWasPromised() throws Exception {
        String event = importHague();
        int round = create(event);

        assertThat(call("planner", HttpMethod.POST, rounds(event) + "/" + round + "/solve?seconds=2", null)
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        var solved = awaitEnd(event, round);
        assertThat(solved.get("status").asText()).isEqualTo("SOLVED");
        assertThat(solved.get("score").get("feasible").asBoolean()).isTrue();

        var report = json.readTree(call("operator", HttpMethod.GET, rounds(event) + "/" + round + "/report", null)
                .getBody());
        assertThat(report.get("round").asInt()).isEqualTo(round);
        assertThat(report.get("allocations").size() + report.get("unassigned").size()).isEqualTo(300);
        assertThat(report.get("unassigned").get(0).get("reasons").size()).isPositive();
        assertThat(report.get("status").asText()).isEqualTo("SOLVED");
        var timeline = json.readTree(call("operator", HttpMethod.GET, rounds(event) + "/" + round + "/timeline",
                null).getBody());
        int bars = 0;
        for (var lane : timeline) {
            for (var bar : lane.get("allocations")) {
                assertThat(bar.get("organisation").asText()).isNotBlank();
                bars++;
            }
        }
        assertThat(bars).isEqualTo(report.get("allocations").size());
        var csv = csv(event, round);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getBody().lines()).hasSize(301).first().asString().startsWith("request,organisation");

        assertThat(call("planner", HttpMethod.POST, rounds(event) + "/" + round + "/publish", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(call("planner", HttpMethod.POST, rounds(event) + "/" + round + "/publish", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(json.readTree(call("operator", HttpMethod.GET, rounds(event) + "/" + round + "/report", null)
                .getBody()).get("status").asText()).as("the report says how the round stands now")
                .isEqualTo("PUBLISHED");

        // The next round starts from the promises: every published allocation is pinned, and stays put.
        int next = create(event);
        call("planner", HttpMethod.POST, rounds(event) + "/" + next + "/solve?seconds=1", null);
        awaitEnd(event, next);
        var first = json.readTree(call("operator", HttpMethod.GET, rounds(event) + "/" + round + "/report", null)
                .getBody()).get("allocations");
        var second = json.readTree(call("operator", HttpMethod.GET, rounds(event) + "/" + next + "/report", null)
                .getBody()).get("allocations");
        assertThat(second.findValuesAsText("pinned")).filteredOn("true"::equals).hasSize(first.size());
        for (JsonNode allocation : first) {
            assertThat(second).anySatisfy(kept -> {
                assertThat(kept.get("request")).isEqualTo(allocation.get("request"));
                assertThat(kept.get("resource")).isEqualTo(allocation.get("resource"));
                assertThat(kept.get("start")).isEqualTo(allocation.get("start"));
                assertThat(kept.get("pinned").asBoolean()).isTrue();
            });
        }
        var diff = json.readTree(call("operator", HttpMethod.GET, rounds(event) + "/" + round + "/diff/" + next, null)
                .getBody());
        assertThat(diff.get("moved").asInt()).isZero();
        assertThat(diff.get("newlyUnserved").asInt()).isZero();
    }

    @Test
    void stoppingEarlyKeepsTheBestFound() throws Exception {
        String event = importHague();
        int round = create(event);
        call("planner", HttpMethod.POST, rounds(event) + "/" + round + "/solve?seconds=120", null);
        awaitScore(event, round);

        var stopped = call("planner", HttpMethod.DELETE, rounds(event) + "/" + round + "/solve", null);

        assertThat(stopped.getStatusCode()).isEqualTo(HttpStatus.OK);
        var ended = awaitEnd(event, round);
        assertThat(ended.get("status").asText()).isEqualTo("STOPPED");
        assertThat(ended.get("elapsedMillis").asLong()).isLessThan(60_000);
        assertThat(call("operator", HttpMethod.GET, rounds(event) + "/" + round + "/report", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(call("planner", HttpMethod.DELETE, rounds(event) + "/" + round + "/solve", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void aRoundBuiltOnStalePinsIsNotPublished() throws Exception {
        String event = importHague();
        int first = create(event);
        int second = create(event);
        call("planner", HttpMethod.POST, rounds(event) + "/" + first + "/solve?seconds=1", null);
        awaitEnd(event, first);
        call("planner", HttpMethod.POST, rounds(event) + "/" + second + "/solve?seconds=1", null);
        awaitEnd(event, second);
        call("planner", HttpMethod.POST, rounds(event) + "/" + first + "/publish", null);

        var refused = call("planner", HttpMethod.POST, rounds(event) + "/" + second + "/publish", null);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).contains("pins that changed");
        assertThat(json.readTree(call("planner", HttpMethod.GET, rounds(event) + "/" + second, null).getBody())
                .get("stale").asBoolean()).isTrue();
    }

    @Test
    void aWhatIfRoundWithAnUnknownResourceIsRefused() {
        String event = importHague();

        var refused = call("planner", HttpMethod.POST, rounds(event), "{\"closedResources\": [\"EB-404\"]}");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getBody()).contains("EB-404", "is not a resource of the event");
    }

    @Test
    void theReportOfAnUnsolvedRoundIsAConflictNotAnError() {
        String event = importHague();
        int round = create(event);

        assertThat(call("operator", HttpMethod.GET, rounds(event) + "/" + round + "/report", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(call("operator", HttpMethod.GET, rounds(event) + "/99/report", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call("operator", HttpMethod.POST, rounds(event), "{}").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    private String importHague() {
        try {
            String event = "hague-" + (++imported);
            var document = (ObjectNode) json.readTree(Files.readString(Path.of("data-samples/hague-2025.json")));
            ((ObjectNode) document.get("event")).put("id", event);
            assertThat(call("planner", HttpMethod.POST, "/api/events", document.toString()).getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
            return event;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int create(String event) {
        var created = call("planner", HttpMethod.POST, rounds(event), "{}");
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        try {
            return json.readTree(created.getBody()).get("round").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode awaitEnd(String event, int round) throws Exception {
        return await(event, round, state -> !state.get("status").asText().equals("SOLVING"));
    }

    private JsonNode awaitScore(String event, int round) throws Exception {
        return await(event, round, state -> state.hasNonNull("score"));
    }

    private JsonNode await(String event, int round, Predicate<JsonNode> done) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            var state = json.readTree(call("planner", HttpMethod.GET, rounds(event) + "/" + round, null).getBody());
            if (done.test(state)) {
                return state;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("round " + round + " did not get there in time");
    }

    private ResponseEntity<String> csv(String event, int round) {
        var headers = new HttpHeaders();
        headers.setBasicAuth("operator", "operator-demo");
        headers.setAccept(List.of(MediaType.parseMediaType("text/csv")));
        return http.exchange(rounds(event) + "/" + round + "/report", HttpMethod.GET, new HttpEntity<>(headers),
                String.class);
    }

    private static String rounds(String event) {
        return "/api/events/" + event + "/rounds";
    }

    ResponseEntity<String> call(String user, HttpMethod method, String path, String body) {
        var headers = new HttpHeaders();
        headers.setBasicAuth(user, user + "-demo");
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
