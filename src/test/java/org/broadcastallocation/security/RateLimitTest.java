package org.broadcastallocation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;

/**
 * The rate limit over HTTP, with small, slow buckets (a key: 3 at once, then one every 4 s; an account: 4, then one
 * every 20 s) so that a slow machine cannot refill them mid-test: 429 and Retry-After, per key and per account, then
 * recovery.
 */
@ServiceTest
@TestPropertySource(properties = {"broadcast.rate-limit.key.per-second=0.25", "broadcast.rate-limit.key.burst=3",
        "broadcast.rate-limit.user.per-second=0.05", "broadcast.rate-limit.user.burst=4"})
class RateLimitTest {

    @LocalServerPort
    int port;

    @Test
    void aKeyOverItsRateIsToldToWaitThenServedAgain() throws Exception {
        var api = new ApiClient(port);
        api.importEvent(Fixture.hague().zone("EDIT", 1).organisation("nos", BROADCASTER)
                .organisation("bbc", BROADCASTER).resource("EB-01", EDIT_BOOTH, "EDIT", 0, 0, 2).document(), "rate");
        String nos = api.mintKey("rate", "nos");
        String bbc = api.mintKey("rate", "bbc");
        String nosSecondKey = api.mintKey("rate", "nos");

        for (int i = 0; i < 3; i++) {
            assertThat(api.call(nos, "GET", "/api/events/rate/requests", null).status()).isEqualTo(200);
        }
        var limited = api.call(nos, "GET", "/api/events/rate/requests", null);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.json().get("detail").asText()).contains("API key");
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 4L);
        assertThat(api.call(bbc, "GET", "/api/events/rate/requests", null).status()).isEqualTo(200);
        // A bucket per key, not per organisation: NOS's other key (another desk, say) is not held up.
        assertThat(api.call(nosSecondKey, "GET", "/api/events/rate/requests", null).status()).isEqualTo(200);

        Thread.sleep(retryAfter * 1000 + 100);
        assertThat(api.call(nos, "GET", "/api/events/rate/requests", null).status()).isEqualTo(200);
    }

    @Test
    void aStaffAccountOverItsRateIsLimited() {
        var api = new ApiClient(port);
        for (int i = 0; i < 4; i++) {
            assertThat(api.call(ApiClient.OPERATOR, "GET", "/api/events", null).status()).isEqualTo(200);
        }
        var limited = api.call(ApiClient.OPERATOR, "GET", "/api/events", null);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("detail").asText()).contains("account");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        // Anonymous calls are not counted: they stop at the 401.
        for (int i = 0; i < 10; i++) {
            assertThat(api.call(null, "GET", "/api/events", null).status()).isEqualTo(401);
        }
    }
}
