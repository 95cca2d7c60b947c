package org.broadcastallocation.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;

/**
 * With broadcast.webhooks.allow-private-addresses at its default (false), an organisation cannot point the service
 * at the service's own network (SSRF): loopback, private, link-local (the cloud metadata address) and unique-local
 * targets are refused with the reason, and nothing is registered. Without a mail host, e-mail is off and said so.
 */
@ServiceTest
class WebhookTargetsTest {

    @LocalServerPort
    int port;

    @Test
    void aPrivateAddressIsRefusedByDefault() throws Exception {
        var api = new ApiClient(port);
        String nos = nosKey(api, "ssrf");
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook",
                "http://192.168.0.1/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]/hook",
                "http://[fd00::1]/hook", "ftp://example.org/hook")) {
            var refused = api.call(nos, "POST", "/api/events/ssrf/webhooks", "{\"url\": \"" + url + "\"}");
            assertThat(refused.status()).as(url + ": " + refused.body()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().toString()).contains("url");
        }
        assertThat(api.call(nos, "GET", "/api/events/ssrf/webhooks", null).json()).isEmpty();
        assertThat(WebhookTargets.isInternal(java.net.InetAddress.getByName("100.64.0.1"))).isTrue();
    }

    @Test
    void withoutAMailHostEmailIsOffAndTheServiceSaysSo() {
        var api = new ApiClient(port);
        var contacts = api.call(nosKey(api, "no-mail"), "PUT", "/api/events/no-mail/contacts",
                "{\"addresses\": [\"desk@nos.example\"]}");
        assertThat(contacts.status()).isEqualTo(200);
        assertThat(contacts.json().get("email").asText()).startsWith("off: no mail host");
        var health = api.call(ApiClient.OPERATOR, "GET", "/actuator/health", null).json();
        assertThat(health.at("/components/notifications/details/email").asText()).startsWith("off");
    }

    @Test
    void anUnknownEventTypeIsRefused() {
        var api = new ApiClient(port);
        var refused = api.call(nosKey(api, "types"), "POST", "/api/events/types/webhooks",
                "{\"url\": \"https://example.org/hook\", \"events\": [\"round.exploded\"]}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("round.exploded");
    }

    /** An event of its own with one organisation, nos; its key. */
    private static String nosKey(ApiClient api, String event) {
        api.importEvent(Fixture.hague().zone("EDIT", 1).organisation("nos", BROADCASTER).document(), event);
        return api.mintKey(event, "nos");
    }
}
