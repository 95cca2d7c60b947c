package org.broadcastallocation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;
import static org.broadcastallocation.problem.ResourceType.LIVE_AREA;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.ApiClient.Body;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;

/**
 * A page on another site makes the browser send a planner's cached HTTP Basic credentials with a form or a fetch:
 * a call that changes something is refused (403) unless it comes from the service's own origin. Reads, the console
 * (same origin) and clients that are not browsers (no Origin, no Sec-Fetch-Site, no Referer) are served as before.
 */
@ServiceTest
class CrossSiteRequestTest {

    private static final String EVENT = "cross-site";
    private static final String SUBMISSION = """
            {"id": "%s", "type": "LIVE_AREA", "crewSize": 2,
             "window": {"from": "2025-06-24T07:00:00+02:00", "to": "2025-06-25T07:00:00+02:00"}}""";

    @LocalServerPort
    int port;

    private ApiClient api;
    private static int round;

    @BeforeEach
    void solvedRound() throws Exception {
        api = new ApiClient(port);
        if (round > 0) {
            return;
        }
        api.importEvent(Fixture.hague().zone("EDIT", 1).organisation("nos", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 0, 0, 2).resource("LA-01", LIVE_AREA, "EDIT", 0, 0, 4)
                .lateIntake().request("nos-1", "nos", EDIT_BOOTH).and().document(), EVENT);
        round = api.call(ApiClient.PLANNER, "POST", rounds(), "{}").json().get("round").asInt();
        assertThat(api.call(ApiClient.PLANNER, "POST", rounds() + "/" + round + "/solve?seconds=1", null).status())
                .isEqualTo(202);
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!status().equals("SOLVED") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(status()).isEqualTo("SOLVED");
    }

    @Test
    void aCrossSitePublishWithThePlannersCredentialsIsRefused() {
        String publish = rounds() + "/" + round + "/publish";
        for (var foreign : new Map[] {
                Map.of("Origin", "https://evil.example"),
                Map.of("Origin", "null"),
                Map.of("Origin", "http://127.0.0.1:" + (port + 1)),
                Map.of("Origin", "https://127.0.0.1:" + port),
                Map.of("Sec-Fetch-Site", "cross-site"),
                Map.of("Referer", "https://evil.example/innocent-page.html")}) {
            @SuppressWarnings("unchecked")
            var refused = api.call(ApiClient.PLANNER, "POST", publish, null, foreign);

            assertThat(refused.status()).as("%s", foreign).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asText()).contains("another site");
        }
        assertThat(status()).as("nothing published").isEqualTo("SOLVED");
    }

    @Test
    void aCrossSiteFormIsRefusedWhateverItsBody() {
        var form = new Body("seconds=5".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded",
                false);

        var refused = api.call(ApiClient.PLANNER, "POST", rounds(), form, Map.of("Origin", "https://evil.example",
                "Sec-Fetch-Site", "cross-site"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(api.call(ApiClient.PLANNER, "DELETE", "/api/events/" + EVENT + "/resources/LA-01", null,
                Map.of("Origin", "https://evil.example")).status()).isEqualTo(403);
        assertThat(api.call(ApiClient.OPERATOR, "GET", "/api/events/" + EVENT + "/resources", null).body())
                .as("the resource is still there").contains("LA-01");
        assertThat(api.call(ApiClient.PLANNER, "PUT", "/api/events/" + EVENT + "/late-intake",
                Body.json("{\"open\": false}"), Map.of("Sec-Fetch-Site", "same-site")).status())
                .as("a sibling site is another site").isEqualTo(403);
    }

    @Test
    void readsTheConsoleAndClientsThatAreNotBrowsersAreServed() {
        assertThat(api.call(ApiClient.OPERATOR, "GET", rounds(), null, Map.of("Origin", "https://evil.example"))
                .status()).as("a read changes nothing").isEqualTo(200);
        // The console: a fetch from the service's own page.
        var console = Map.of("Origin", "http://127.0.0.1:" + port, "Sec-Fetch-Site", "same-origin",
                "Referer", "http://127.0.0.1:" + port + "/", "X-Requested-With", "XMLHttpRequest");
        assertThat(api.call(ApiClient.PLANNER, "PUT", "/api/events/" + EVENT + "/late-intake",
                Body.json("{\"open\": true}"), console).status()).isEqualTo(200);
        assertThat(api.call(ApiClient.PLANNER, "POST", rounds(), Body.json("{}"),
                Map.of("Referer", "http://127.0.0.1:" + port + "/index.html")).status()).isEqualTo(201);
        // curl, scripts: no header that says where the call comes from.
        assertThat(api.call(ApiClient.PLANNER, "POST", rounds(), "{}").status()).isEqualTo(201);

        String key = api.mintKey(EVENT, "nos");
        assertThat(api.call(key, "POST", "/api/events/" + EVENT + "/requests",
                Body.json(SUBMISSION.formatted("nos-by-key")), Map.of("Idempotency-Key", "cross-1")).status())
                .as("an API key, no Origin").isEqualTo(201);
        assertThat(api.call(key, "POST", "/api/events/" + EVENT + "/requests",
                Body.json(SUBMISSION.formatted("nos-by-page")), Map.of("Idempotency-Key", "cross-2",
                        "Origin", "http://127.0.0.1:" + port)).status())
                .as("the broadcaster page").isEqualTo(201);
    }

    private String status() {
        return api.call(ApiClient.OPERATOR, "GET", rounds() + "/" + round, null).json().get("status").asText();
    }

    private static String rounds() {
        return "/api/events/" + EVENT + "/rounds";
    }
}
