package org.broadcastallocation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.ServiceTest;

/**
 * Vans of 7.5 m and 16.0 m, over HTTP: imported, submitted, amended, edited and read back as written; placed by
 * the capacity rule to the centimetre; lengths finer than a centimetre and fractional crews refused with the field.
 */
@ServiceTest
class DecimalMetresTest {

    private static final String VAN = """
            {"id": "%s", "type": "PARKING_SNG", "vehicle": {"kind": "SNG", "lengthMetres": %s},
             "window": {"from": "2025-06-22T12:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}}""";

    private static int imported;

    @LocalServerPort
    int port;

    private final ObjectMapper json = new ObjectMapper();
    private ApiClient api;
    private String event;

    @BeforeEach
    void importTheDocument() throws IOException {
        api = new ApiClient(port);
        event = "metres-" + (++imported);
        var document = (ObjectNode) json.readTree(DecimalMetresTest.class.getResourceAsStream("/decimal-metres.json"));
        ((ObjectNode) document.get("event")).put("id", event);

        var answer = api.call(ApiClient.PLANNER, "POST", "/api/events", document.toString());

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    @Test
    void anImportedDocumentKeepsItsDecimalMetresAndPlacesTheVansToTheCentimetre() throws Exception {
        var resources = api.call(ApiClient.OPERATOR, "GET", base() + "/resources", null).json();
        assertThat(capacity(resources, "SNG-75")).isEqualTo("7.5");
        assertThat(capacity(resources, "OB-16")).as("a whole length is written as a whole number").isEqualTo("16");
        assertThat(capacity(resources, "EB-01")).isEqualTo("2");
        var problem = api.call(ApiClient.PLANNER, "GET", base() + "/problem", null).json();
        assertThat(length(problem.get("requests"), "van-75")).isEqualTo("7.5");
        assertThat(length(problem.get("requests"), "ob-16")).isEqualTo("16");

        int round = api.call(ApiClient.PLANNER, "POST", base() + "/rounds", "{}").json().get("round").asInt();
        assertThat(api.call(ApiClient.PLANNER, "POST", base() + "/rounds/" + round + "/solve?seconds=1", null)
                .status()).isEqualTo(202);
        awaitEnd(round);
        var report = api.call(ApiClient.OPERATOR, "GET", base() + "/rounds/" + round + "/report", null).json();

        assertThat(resourceOf(report, "van-75")).isEqualTo("SNG-75");
        assertThat(resourceOf(report, "ob-16")).isEqualTo("OB-16");
        assertThat(report.get("unassigned").findValuesAsText("request")).containsExactly("van-76");
        assertThat(report.get("score").get("feasible").asBoolean()).isTrue();
    }

    @Test
    void aBroadcasterSubmitsA7Point5MetreVanAndReadsBack7Point5() {
        String nos = api.mintKey(event, "nos");

        var created = api.call(nos, "POST", base() + "/requests", VAN.formatted("r-van", "7.5"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("vehicle").get("lengthMetres").decimalValue()).isEqualByComparingTo("7.5");
        var read = api.call(nos, "GET", base() + "/requests/r-van", null);
        assertThat(read.json().get("vehicle").get("lengthMetres").toString()).isEqualTo("7.5");

        var amended = api.call(nos, "PUT", base() + "/requests/r-van",
                ApiClient.Body.json(VAN.formatted("r-van", "7.25")), Map.of("If-Match", "\"0\""));
        assertThat(amended.status()).as(amended.body()).isEqualTo(200);
        assertThat(api.call(nos, "GET", base() + "/requests/r-van", null).json().get("vehicle").get("lengthMetres")
                .toString()).isEqualTo("7.25");
    }

    @Test
    void aLengthFinerThanACentimetreIsRefusedWithTheField() {
        String nos = api.mintKey(event, "nos");

        var refused = api.call(nos, "POST", base() + "/requests", VAN.formatted("r-van", "7.255"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        var error = refused.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("vehicle.lengthMetres");
        assertThat(error.get("message").asText()).contains("7.255 m", "centimetre");
        assertThat(api.call(nos, "GET", base() + "/requests/r-van", null).status()).isEqualTo(404);
    }

    @Test
    void anAmendmentFinerThanACentimetreIsRefusedNotRoundedOnTheWay() {
        String nos = api.mintKey(event, "nos");
        assertThat(api.call(nos, "POST", base() + "/requests", VAN.formatted("r-van", "7.5")).status()).isEqualTo(201);

        // 7.25000000000000000001 is 7.25 as a double: read as one, it would pass as 7.25.
        var tooFine = api.call(nos, "PUT", base() + "/requests/r-van",
                ApiClient.Body.json(VAN.formatted("r-van", "7.25000000000000000001")), Map.of("If-Match", "\"0\""));
        var huge = api.call(nos, "PUT", base() + "/requests/r-van",
                ApiClient.Body.json(VAN.formatted("r-van", "1e400")), Map.of("If-Match", "\"0\""));

        assertThat(tooFine.status()).as(tooFine.body()).isEqualTo(422);
        assertThat(tooFine.json().get("errors").get(0).get("message").asText()).contains("centimetre");
        assertThat(huge.status()).as(huge.body()).isEqualTo(422);
        assertThat(huge.json().get("errors").get(0).get("message").asText()).contains("out of range");
        assertThat(api.call(nos, "GET", base() + "/requests/r-van", null).json().get("vehicle").get("lengthMetres")
                .toString()).isEqualTo("7.5");
    }

    @Test
    void aFractionalCrewIsStillRefusedWithTheField() {
        String nos = api.mintKey(event, "nos");

        var refused = api.call(nos, "POST", base() + "/requests", """
                {"id": "r-crew", "type": "EDIT_BOOTH", "crewSize": 1.5,
                 "window": {"from": "2025-06-23T09:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}}""");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).contains("crewSize", "1.5", "whole number")
                .doesNotContain("java", "Integer");
    }

    @Test
    void thePlannerEditsAParkingCapacityInDecimalMetresAndARoomInWholePeople() {
        var bay = api.call(ApiClient.PLANNER, "PUT", base() + "/resources/SNG-825", """
                {"type": "PARKING_SNG", "zone": "SNG_COMPOUND", "x": 12, "y": 0, "capacity": 8.25}""");
        var room = api.call(ApiClient.PLANNER, "PUT", base() + "/resources/EB-01", """
                {"type": "EDIT_BOOTH", "zone": "EDIT", "x": 500, "y": 0, "capacity": 2.5}""");
        var tooFine = api.call(ApiClient.PLANNER, "PUT", base() + "/resources/SNG-75", """
                {"type": "PARKING_SNG", "zone": "SNG_COMPOUND", "x": 0, "y": 0, "capacity": 7.499}""");

        assertThat(bay.status()).as(bay.body()).isEqualTo(200);
        assertThat(capacity(api.call(ApiClient.OPERATOR, "GET", base() + "/resources", null).json(), "SNG-825"))
                .isEqualTo("8.25");
        assertThat(room.status()).isEqualTo(422);
        assertThat(room.json().get("errors").get(0).get("message").asText()).contains("whole number of people");
        assertThat(tooFine.status()).isEqualTo(422);
        assertThat(tooFine.json().get("errors").get(0).get("message").asText()).contains("7.499 m", "centimetre");
        assertThat(capacity(api.call(ApiClient.OPERATOR, "GET", base() + "/resources", null).json(), "SNG-75"))
                .isEqualTo("7.5");
    }

    private String base() {
        return "/api/events/" + event;
    }

    /** The capacity as written in the JSON answer (16 and 7.5, not 16.0 or 7.50). */
    private static String capacity(JsonNode resources, String id) {
        for (var resource : resources) {
            var described = resource.has("resource") ? resource.get("resource") : resource;
            if (described.get("id").asText().equals(id)) {
                return described.get("capacity").toString();
            }
        }
        throw new AssertionError("no resource " + id + " in " + resources);
    }

    private static String length(JsonNode requests, String id) {
        for (var request : requests) {
            if (request.get("id").asText().equals(id)) {
                return request.get("vehicle").get("lengthMetres").toString();
            }
        }
        throw new AssertionError("no request " + id + " in " + requests);
    }

    private static String resourceOf(JsonNode report, String request) {
        for (var allocation : report.get("allocations")) {
            if (allocation.get("request").asText().equals(request)) {
                return allocation.get("resource").asText();
            }
        }
        return null;
    }

    private void awaitEnd(int round) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            var state = api.call(ApiClient.PLANNER, "GET", base() + "/rounds/" + round, null).json();
            if (!state.get("status").asText().equals("SOLVING")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("round " + round + " did not end in time");
    }
}
