package org.broadcastallocation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;
import org.broadcastallocation.common.Json;

/**
 * "Late applications will not be considered" holds for amendments too: after the request deadline an amendment is a
 * new late application, refused while late intake is closed and, while it is open, taken at its own time (so it
 * counts as late, priority 3). Before the deadline an amendment keeps the request's place. The service's clock is
 * 15 May 2025 10:00 (Amsterdam).
 */
@ServiceTest
class AmendmentsAfterTheDeadlineTest {

    private static final String BOOTH = """
            {"type": "EDIT_BOOTH", "priority": 1,
             "window": {"from": "2025-06-23T09:00:00+02:00", "to": "%s"}}""";
    private static final String IMPORTED_AT = "2025-05-01T10:00:00+02:00";

    @LocalServerPort
    int port;

    private static int imported;
    private ApiClient api;
    private String event;
    private String nos;

    @BeforeEach
    void names() {
        api = new ApiClient(port);
        event = "amend-late-" + (++imported);
    }

    @Test
    void whileLateIntakeIsClosedAnAmendmentAfterTheDeadlineIsRefusedButCancellingIsNot() throws Exception {
        importWithDeadline("2025-05-10T23:59:00+02:00", false);

        var refused = amend("r-nos", "2025-06-25T20:00:00+02:00");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        var error = refused.json().get("errors").get(0);
        assertThat(error.get("item").asText()).isEqualTo("requests[r-nos]");
        assertThat(error.get("field").asText()).isEqualTo("submittedAt");
        assertThat(error.get("message").asText()).contains("after the deadline", "late intake is closed");
        var unchanged = api.call(nos, "GET", requests() + "/r-nos", null).json();
        assertThat(unchanged.get("version").asInt()).isZero();
        assertThat(unchanged.get("window").get("to").asText()).isEqualTo("2025-06-26T02:00:00+02:00");
        assertThat(unchanged.get("submittedAt").asText()).isEqualTo(IMPORTED_AT);

        var cancelled = api.call(nos, "DELETE", requests() + "/r-nos", null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void whileLateIntakeIsOpenAnAmendmentAfterTheDeadlineIsALateRequest() throws Exception {
        importWithDeadline("2025-05-10T23:59:00+02:00", true);

        var amended = amend("r-nos", "2025-06-25T20:00:00+02:00");

        assertThat(amended.status()).as(amended.body()).isEqualTo(200);
        assertThat(amended.json().get("submittedAt").asText()).isEqualTo("2025-05-15T10:00:00+02:00");
        // nos asked for priority 1, bbc for 2 on time: as a late request nos's now counts as priority 3.
        assertThat(winnerOfTheOnlyBooth()).isEqualTo("r-bbc");
    }

    @Test
    void beforeTheDeadlineAnAmendmentKeepsItsPlace() throws Exception {
        importWithDeadline("2025-06-06T23:59:00+02:00", false);

        var amended = amend("r-nos", "2025-06-25T20:00:00+02:00");

        assertThat(amended.status()).as(amended.body()).isEqualTo(200);
        assertThat(amended.json().get("submittedAt").asText()).isEqualTo(IMPORTED_AT);
        assertThat(winnerOfTheOnlyBooth()).isEqualTo("r-nos");
    }

    @Test
    void theApiDescriptionOfAmendingSaysSo() {
        var docs = api.call(ApiClient.OPERATOR, "GET", "/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().at("/paths/~1api~1events~1{event}~1requests~1{id}/put/description").asText())
                .contains("After the deadline an amendment is a new late application", "late intake is closed",
                        "priority 3", "Cancelling is allowed at any time");
    }

    /** One booth; nos's request (priority 1) and bbc's (priority 2), both handed in on 1 May. */
    private void importWithDeadline(String deadline, boolean lateIntake) throws Exception {
        var fixture = Fixture.hague().zone("EDIT", 8).organisation("nos", BROADCASTER)
                .organisation("bbc", BROADCASTER).resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2)
                .request("r-nos", "nos", EDIT_BOOTH).priority(1).and()
                .request("r-bbc", "bbc", EDIT_BOOTH).priority(2).and();
        ObjectNode document = Json.mapper().valueToTree(lateIntake ? fixture.lateIntake().document()
                : fixture.document());
        ((ObjectNode) document.get("event")).put("id", event).put("requestDeadline", deadline);
        var created = api.call(ApiClient.PLANNER, "POST", "/api/events", document.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        nos = api.mintKey(event, "nos");
    }

    private ApiClient.Response amend(String id, String windowTo) {
        return api.call(nos, "PUT", requests() + "/" + id, ApiClient.Body.json(BOOTH.formatted(windowTo)),
                Map.of("If-Match", "\"0\""));
    }

    private String winnerOfTheOnlyBooth() throws InterruptedException {
        String rounds = "/api/events/" + event + "/rounds";
        int round = api.call(ApiClient.PLANNER, "POST", rounds, "{}").json().get("round").asInt();
        api.call(ApiClient.PLANNER, "POST", rounds + "/" + round + "/solve?seconds=1", null);
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            var state = api.call(ApiClient.PLANNER, "GET", rounds + "/" + round, null).json();
            if (state.get("status").asText().equals("SOLVED")) {
                var allocations = api.call(ApiClient.OPERATOR, "GET", rounds + "/" + round + "/report", null)
                        .json().get("allocations");
                assertThat(allocations).hasSize(1);
                return allocations.get(0).get("request").asText();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("round " + round + " did not end in time");
    }

    private String requests() {
        return "/api/events/" + event + "/requests";
    }
}
