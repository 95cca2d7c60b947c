package org.broadcastallocation.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.ApiClient.PLANNER;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.util.ArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;

/**
 * A planner's hand in a round, over HTTP: recommended places with their score change (or why none), a place the
 * resource alone rules out refused naming the rule, one onto another's place taken and reported as a double
 * booking that blocks publish, and hand placements that survive a re-solve and show in report, timeline and audit.
 */
@ServiceTest
class HandPlacementTest {

    private static final String WHOLE_WINDOW = "2025-06-23T09:00:00+02:00";
    private static int imported;

    @LocalServerPort
    int port;

    private ApiClient api;
    private RoundCalls calls;
    private String event;

    /** Three crews of two for two booths of two (and one booth for one): every round leaves one out. */
    @BeforeEach
    void importEvent() {
        api = new ApiClient(port);
        event = "hand-" + (++imported);
        api.importEvent(Fixture.hague().zone("EDIT", 8)
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER).organisation("cnn", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2)
                .resource("EB-02", EDIT_BOOTH, "EDIT", 560, 0, 2)
                .resource("EB-S", EDIT_BOOTH, "EDIT", 570, 0, 1)
                .request("nos-1", "nos", EDIT_BOOTH).crew(2).submittedMay(1).and()
                .request("bbc-1", "bbc", EDIT_BOOTH).crew(2).submittedMay(2).and()
                .request("cnn-1", "cnn", EDIT_BOOTH).crew(2).submittedMay(3).and()
                .document(), event);
        calls = new RoundCalls(api, event);
    }

    @Test
    void recommendationsNameFreePlacesWithTheirScoreChangeOrSayWhyNone() throws Exception {
        int round = calls.create();
        calls.solved(round, 1);
        var report = calls.report(round);
        String left = report.get("unassigned").get(0).get("request").asText();

        var none = calls.recommendations(round, left);
        assertThat(none.status()).as(none.body()).isEqualTo(200);
        assertThat(none.json().get("places").size()).isZero();
        assertThat(texts(none.json().get("nowhere"))).as(none.body()).isNotEmpty()
                .anyMatch(reason -> reason.contains("taken"));

        var placed = report.get("allocations").get(0);
        assertThat(calls.place(round, placed.get("request").asText(), "{\"unassigned\": true}").status())
                .isEqualTo(200);
        var some = calls.recommendations(round, left).json();
        assertThat(some.get("places").size()).as(some.toString()).isPositive();
        var best = some.get("places").get(0);
        assertThat(best.get("resource").asText()).isEqualTo(placed.get("resource").asText());
        assertThat(best.get("medium").asInt()).isPositive();
        assertThat(best.get("change").asText()).contains("Serve requests +");
        assertThat(some.get("nowhere").size()).isZero();
    }

    @Test
    void aPlaceOverCapacityIsRefusedNamingCapacity() throws Exception {
        int round = calls.create();
        calls.solved(round, 1);
        String left = calls.report(round).get("unassigned").get(0).get("request").asText();

        var refused = calls.place(round, left, "{\"resource\": \"EB-S\", \"start\": \"" + WHOLE_WINDOW + "\"}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("Capacity");
        assertThat(refused.json().get("errors").get(0).get("message").asText()).contains("a crew of 2");
        assertThat(calls.report(round).get("unassigned").get(0).get("request").asText()).isEqualTo(left);
    }

    @Test
    void aPlaceOnAnothersIsTakenReportedAsDoubleBookingAndBlocksPublishUntilSolvedAgain() throws Exception {
        int round = calls.create();
        calls.solved(round, 1);
        var report = calls.report(round);
        String left = report.get("unassigned").get(0).get("request").asText();
        var taken = report.get("allocations").get(0);
        String resource = taken.get("resource").asText();

        var placed = calls.place(round, left, "{\"resource\": \"" + resource + "\", \"start\": \"" + WHOLE_WINDOW
                + "\"}");

        assertThat(placed.status()).as(placed.body()).isEqualTo(200);
        assertThat(placed.json().get("score").get("hard").asInt()).isEqualTo(-1);
        assertThat(placed.json().get("change").asText()).contains("No double booking").contains(left)
                .contains(taken.get("request").asText());
        assertThat(texts(placed.json().get("brokenRules"))).singleElement().asString()
                .startsWith("No double booking");
        var refused = calls.publish(round);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText()).contains("hard");

        // Solved again, the hand placement stays and the solver moves the other request out of its way.
        var again = calls.solved(round, 1);
        assertThat(again.get("score").get("hard").asInt()).isZero();
        var resolved = calls.report(round);
        var kept = calls.allocationOf(resolved, left);
        assertThat(kept.get("resource").asText()).isEqualTo(resource);
        assertThat(kept.get("byHand").asBoolean()).isTrue();
        var other = calls.allocationOf(resolved, taken.get("request").asText());
        assertThat(other == null ? "unassigned" : other.get("resource").asText()).isNotEqualTo(resource);
        assertThat(timelineBar(round, left).get("byHand").asBoolean()).isTrue();
        var audit = api.call(PLANNER, "GET", "/api/events/" + event + "/audit", null).json();
        var entry = findAction(audit, "HAND_PLACE");
        assertThat(entry.get("actor").asText()).isEqualTo("planner");
        assertThat(entry.get("at").asText()).isNotBlank();
        assertThat(entry.get("after").asText()).contains(resource);

        assertThat(calls.publish(round).status()).isEqualTo(200);
        assertThat(calls.status(left)).isEqualTo("CONFIRMED");
    }

    private JsonNode timelineBar(int round, String request) {
        for (var lane : api.call(PLANNER, "GET", calls.rounds() + "/" + round + "/timeline", null).json()) {
            for (var bar : lane.get("allocations")) {
                if (bar.get("request").asText().equals(request)) {
                    return bar;
                }
            }
        }
        throw new AssertionError(request + " is on no lane of the timeline");
    }

    private static JsonNode findAction(JsonNode audit, String action) {
        for (var entry : audit) {
            if (entry.get("action").asText().equals(action)) {
                return entry;
            }
        }
        throw new AssertionError("no " + action + " in the audit log: " + audit);
    }

    private static ArrayList<String> texts(JsonNode array) {
        var texts = new ArrayList<String>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
