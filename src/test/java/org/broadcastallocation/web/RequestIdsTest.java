package org.broadcastallocation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;
import org.broadcastallocation.common.Json;

/**
 * Ids are parts of addresses (/requests/{id}, /zones/{id}, ...): an id that an address cannot carry as it is would
 * be stored and then never reached again, so it is refused at the door, naming the field.
 */
@ServiceTest
class RequestIdsTest {

    private static final String BOOTH = """
            {"id": "%s", "type": "EDIT_BOOTH",
             "window": {"from": "2025-06-23T09:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}}""";

    @LocalServerPort
    int port;

    private static int imported;
    private ApiClient api;
    private String event;
    private String nos;

    @BeforeEach
    void importEvent() {
        api = new ApiClient(port);
        event = "ids-" + (++imported);
        api.importEvent(Fixture.hague().zone("EDIT", 8).organisation("nos", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2).document(), event);
        nos = api.mintKey(event, "nos");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "x/y", "a;b", "100%", "back\\slash", "-leading-dash", ".hidden", "é-accent",
        "a?b", "a#b", "a+b"})
    void aSubmissionWithAnIdNoAddressCanCarryIsRefusedNamingTheField(String id) throws Exception {
        var refused = api.call(nos, "POST", requests(), ApiClient.Body.json(BOOTH.formatted(id.replace("\\", "\\\\"))),
                Map.of("Idempotency-Key", "k-" + id.hashCode()));
        var retried = api.call(nos, "POST", requests(), ApiClient.Body.json(BOOTH.formatted(id.replace("\\", "\\\\"))),
                Map.of("Idempotency-Key", "k-" + id.hashCode()));

        for (var response : new ApiClient.Response[] {refused, retried}) {
            assertThat(response.status()).as(response.body()).isEqualTo(422);
            assertThat(response.contentType()).startsWith("application/problem+json");
            JsonNode error = response.json().get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo("id");
            assertThat(error.get("message").asText()).contains("letters, digits");
        }
        assertThat(api.call(nos, "GET", requests(), null).json()).isEmpty();
    }

    @Test
    void anIdWithDotsDashesUnderscoresAndTildesWorksEndToEnd() {
        String id = "nos.r-1_booth~2";
        var created = api.call(nos, "POST", requests(), BOOTH.formatted(id));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(requests() + "/" + id);

        var read = api.call(nos, "GET", requests() + "/" + id, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("id").asText()).isEqualTo(id);

        var amended = api.call(nos, "PUT", requests() + "/" + id,
                ApiClient.Body.json(BOOTH.formatted(id).replace("2025-06-26T02:00", "2025-06-25T20:00")),
                Map.of("If-Match", read.header("ETag")));
        assertThat(amended.status()).as(amended.body()).isEqualTo(200);
        assertThat(amended.json().path("window").path("to").asText()).isEqualTo("2025-06-25T20:00:00+02:00");

        var cancelled = api.call(nos, "DELETE", requests() + "/" + id, null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void anImportedDocumentWithSuchIdsIsRefusedNamingEachOne() throws Exception {
        ObjectNode document = Json.mapper().valueToTree(Fixture.hague().zone("EDIT ZONE", 8)
                .organisation("nos/nl", BROADCASTER)
                .resource("EB 01", EDIT_BOOTH, "EDIT ZONE", 550, 0, 2)
                .request("r;1", "nos/nl", EDIT_BOOTH).document());
        ((ObjectNode) document.get("event")).put("id", "hague 2025");

        var refused = api.call(ApiClient.PLANNER, "POST", "/api/events", document.toString());

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        var named = new java.util.HashSet<String>();
        refused.json().get("errors").forEach(error -> {
            if (error.get("field").asText().equals("id")) {
                named.add(error.get("item").asText());
            }
        });
        assertThat(named).containsExactlyInAnyOrder("event", "zones[EDIT ZONE]", "organisations[nos/nl]",
                "resources[EB 01]", "requests[r;1]");
        assertThat(api.call(ApiClient.OPERATOR, "GET", "/api/events", null).json().findValuesAsText("id"))
                .doesNotContain("hague 2025");
    }

    @Test
    void aSiteItemUnderAnIdNoAddressCanCarryIsRefused() {
        String base = "/api/events/" + event;
        var zone = api.call(ApiClient.PLANNER, "PUT", base + "/zones/a%20b", "{\"fibreLinks\": 2}");
        var resource = api.call(ApiClient.PLANNER, "PUT", base + "/resources/EB%212", """
                {"type": "EDIT_BOOTH", "zone": "EDIT", "x": 10, "y": 20, "capacity": 2}""");
        var organisation = api.call(ApiClient.PLANNER, "PUT", base + "/organisations/nl+org",
                "{\"name\": \"New\", \"kind\": \"BROADCASTER\", \"country\": \"NL\"}");

        for (var response : new ApiClient.Response[] {zone, resource, organisation}) {
            assertThat(response.status()).as(response.body()).isEqualTo(422);
            assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("id");
        }
    }

    private String requests() {
        return "/api/events/" + event + "/requests";
    }
}
