package org.broadcastallocation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;
import org.broadcastallocation.common.Json;

/**
 * A body is one JSON value: anything after it ({@code {...}{...}}) is a malformed body, refused whole, never half
 * read and acted on.
 */
@ServiceTest
class OneJsonValuePerBodyTest {

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
        event = "one-value-" + (++imported);
        api.importEvent(Fixture.hague().zone("EDIT", 8).organisation("nos", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2).document(), event);
        nos = api.mintKey(event, "nos");
    }

    @Test
    void aSubmissionFollowedByAnotherObjectIsRefusedAndNothingIsCreated() {
        var refused = api.call(nos, "POST", requests(), BOOTH.formatted("r-1") + BOOTH.formatted("r-2"));

        assertMalformed(refused);
        assertThat(refused.json().path("detail").asText()).contains("more JSON after the end of the value");
        assertThat(api.call(nos, "GET", requests(), null).json()).isEmpty();
    }

    @Test
    void trailingGarbageAfterASubmissionIsRefused() {
        assertMalformed(api.call(nos, "POST", requests(), BOOTH.formatted("r-1") + " garbage"));
        assertMalformed(api.call(nos, "POST", requests(), BOOTH.formatted("r-1") + " 42"));
        assertThat(api.call(nos, "GET", requests(), null).json()).isEmpty();
    }

    @Test
    void anAmendmentFollowedByAnotherObjectChangesNothing() {
        assertThat(api.call(nos, "POST", requests(), BOOTH.formatted("r-1")).status()).isEqualTo(201);

        var refused = api.call(nos, "PUT", requests() + "/r-1",
                new ApiClient.Body((BOOTH.formatted("r-1").replace("2025-06-26T02:00", "2025-06-25T20:00") + "{}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", false),
                Map.of("If-Match", "\"0\""));

        assertMalformed(refused);
        var stored = api.call(nos, "GET", requests() + "/r-1", null).json();
        assertThat(stored.get("version").asInt()).isZero();
        assertThat(stored.path("window").path("to").asText()).isEqualTo("2025-06-26T02:00:00+02:00");
    }

    @Test
    void aProblemDocumentFollowedByAnotherIsNotImported() throws Exception {
        String document = Json.mapper().writeValueAsString(Fixture.hague().zone("EDIT", 1)
                .organisation("nos", BROADCASTER).document()).replace("\"test\"", "\"" + event + "-twice\"");

        assertMalformed(api.call(ApiClient.PLANNER, "POST", "/api/events", document + document));
        assertThat(api.call(ApiClient.OPERATOR, "GET", "/api/events/" + event + "-twice", null).status())
                .isEqualTo(404);
    }

    @Test
    void aSettingFollowedByAnotherIsRefused() {
        assertMalformed(api.call(ApiClient.PLANNER, "PUT", "/api/events/" + event + "/late-intake",
                "{\"open\": false}{\"open\": true}"));
        assertThat(api.call(ApiClient.OPERATOR, "GET", "/api/events/" + event, null).json()
                .path("lateIntake").asBoolean()).isFalse();
    }

    private static void assertMalformed(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asText()).isNotBlank().doesNotContain("java.",
                "org.broadcastallocation", "DeserializationFeature");
    }

    private String requests() {
        return "/api/events/" + event + "/requests";
    }
}
