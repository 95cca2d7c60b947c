package org.broadcastallocation.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;

/**
 * What a broadcaster hears, end to end over HTTP: its receiver (a real HTTP server checking the Standard Webhooks
 * signature) gets its own organisation's round.published, also after being down for a while; its contact address
 * gets the e-mail on a real SMTP server (GreenMail); a rejection and a cancellation are told too; every attempt is
 * readable by the organisation, and by nobody else's key.
 */
@ServiceTest
class NotificationsTest {

    private static final GreenMail SMTP = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", "smtp"));

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void deliverQuicklyToThisMachine(DynamicPropertyRegistry properties) {
        properties.add("broadcast.webhooks.allow-private-addresses", () -> "true");
        properties.add("broadcast.notifications.poll-millis", () -> "100");
        properties.add("broadcast.notifications.first-retry-seconds", () -> "0.5");
        properties.add("broadcast.notifications.longest-retry-seconds", () -> "1");
        properties.add("spring.mail.host", () -> "127.0.0.1");
        properties.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @LocalServerPort
    int port;

    private static final String EVENT = "told";
    private static final String BASE = "/api/events/" + EVENT;

    @Test
    void eachOrganisationIsToldItsOwnOutcomeSignedEvenAfterItsReceiverWasDown() throws Exception {
        var api = new ApiClient(port);
        api.importEvent(Fixture.hague().zone("EDIT", 8).organisation("nos", BROADCASTER)
                .organisation("bbc", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 0, 0, 2).resource("EB-02", EDIT_BOOTH, "EDIT", 10, 0, 2)
                .request("n-1", "nos", EDIT_BOOTH).and().request("n-2", "nos", EDIT_BOOTH).and()
                .request("b-1", "bbc", EDIT_BOOTH).document(), EVENT);
        String nos = api.mintKey(EVENT, "nos");
        String bbc = api.mintKey(EVENT, "bbc");
        try (var receiver = new WebhookReceiver()) {
            register(api, nos, null, receiver, "/nos");
            register(api, bbc, null, receiver, "/bbc");
            register(api, ApiClient.PLANNER, null, receiver, "/staff");
            var contacts = api.call(nos, "PUT", BASE + "/contacts", "{\"addresses\": [\"desk@nos.example\"]}");
            assertThat(contacts.status()).as(contacts.body()).isEqualTo(200);
            assertThat(contacts.json().get("email").asText()).isEqualTo("on");

            receiver.down();
            PublishedRounds.publish(api, EVENT);
            // Down: tried, refused, to be tried again; the organisation reads each attempt.
            awaitAttempts(api, nos, 2);
            var failed = api.call(nos, "GET", BASE + "/deliveries", null).json();
            var webhook = webhookOf(failed);
            assertThat(webhook.get("status").asText()).isEqualTo("PENDING");
            assertThat(webhook.get("attempts").get(0).get("succeeded").asBoolean()).isFalse();
            assertThat(webhook.get("attempts").get(0).get("outcome").asText()).startsWith("not reached");
            assertThat(webhook.get("attempts").get(0).get("nextAttemptAt").isNull()).isFalse();
            assertThat(receiver.received()).isEmpty();

            receiver.up();
            var toNos = receiver.await("/nos", message -> true, Duration.ofSeconds(20));
            var toBbc = receiver.await("/bbc", message -> true, Duration.ofSeconds(20));
            var toStaff = receiver.await("/staff", message -> true, Duration.ofSeconds(20));
            assertThat(List.of(toNos, toBbc, toStaff)).allMatch(WebhookReceiver.Received::signatureValid);
            assertThat(toNos.json().get("type").asText()).isEqualTo("round.published");
            var told = toNos.json().get("data");
            assertThat(told.get("organisation").asText()).isEqualTo("nos");
            var mentioned = new ArrayList<String>();
            told.get("confirmed").forEach(place -> {
                mentioned.add(place.get("request").asText());
                assertThat(place.get("resource").asText()).startsWith("EB-0");
                assertThat(place.get("start").asText()).endsWith("+02:00");
            });
            told.get("waitlisted").forEach(waiting -> {
                mentioned.add(waiting.get("request").asText());
                assertThat(waiting.get("reasons")).isNotEmpty();
            });
            assertThat(mentioned).containsExactlyInAnyOrder("n-1", "n-2");
            assertThat(toBbc.body()).doesNotContain("n-1", "n-2");
            assertThat(toStaff.json().get("data").get("organisationsTold").asInt()).isEqualTo(2);

            var delivered = webhookOf(api.call(nos, "GET", BASE + "/deliveries", null).json());
            awaitStatus(api, nos, "DELIVERED");
            String messageId = delivered.get("messageId").asText();
            assertThat(api.call(bbc, "GET", BASE + "/deliveries", null).body()).doesNotContain("desk@nos.example",
                    messageId);

            // A planner sends it again: the same message (id and body), newly signed.
            assertThat(api.call(nos, "POST", BASE + "/deliveries/" + delivered.get("id").asText() + "/redeliver",
                    null).status()).isEqualTo(403);
            assertThat(api.call(ApiClient.PLANNER, "POST", BASE + "/deliveries/" + delivered.get("id").asText()
                    + "/redeliver", null).status()).isEqualTo(202);
            receiver.await("/nos", message -> copies(receiver, messageId).size() > 1, Duration.ofSeconds(20));
            var again = copies(receiver, messageId).get(1);
            assertThat(again.signatureValid()).isTrue();
            assertThat(again.body()).isEqualTo(toNos.body());

            // The e-mail: resource, local times with their zone, and what to do next.
            assertThat(SMTP.waitForIncomingEmail(20_000, 1)).isTrue();
            MimeMessage mail = SMTP.getReceivedMessagesForDomain("nos.example")[0];
            assertThat(mail.getSubject()).contains("Round 1 published");
            String content = GreenMailUtil.getBody(mail);
            assertThat(content).contains("Europe/Amsterdam", "What next", "text/plain", "text/html");
            if (told.get("confirmed").size() > 0) {
                assertThat(content).contains(told.get("confirmed").get(0).get("resource").asText());
            }

            // A cancelled confirmed place, and a planner's rejection, are told to their organisations.
            String confirmedRequest = told.get("confirmed").get(0).get("request").asText();
            assertThat(api.call(nos, "DELETE", BASE + "/requests/" + confirmedRequest, null).status())
                    .isEqualTo(200);
            var released = receiver.await("/nos", message -> message.json().get("type").asText()
                    .equals("allocation.released"), Duration.ofSeconds(20));
            assertThat(released.signatureValid()).isTrue();
            assertThat(released.json().get("data").get("request").asText()).isEqualTo(confirmedRequest);
            assertThat(api.call(ApiClient.PLANNER, "POST", BASE + "/requests/b-1/reject",
                    "{\"reason\": \"duplicate of another booking\"}").status()).isEqualTo(200);
            var rejected = receiver.await("/bbc", message -> message.json().get("type").asText()
                    .equals("request.rejected"), Duration.ofSeconds(20));
            assertThat(rejected.json().get("data").get("reason").asText()).isEqualTo("duplicate of another booking");
            assertThat(receiver.on("/nos")).noneMatch(message -> message.body().contains("b-1"));
        }
    }

    private static void register(ApiClient api, String caller, String organisation, WebhookReceiver receiver,
            String path) {
        var made = api.call(caller, "POST", BASE + "/webhooks" + (organisation == null ? ""
                : "?organisation=" + organisation), "{\"url\": \"" + receiver.url(path) + "\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String secret = made.json().get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        receiver.secret(path, secret);
        // Shown once: never in a list.
        assertThat(api.call(caller, "GET", BASE + "/webhooks", null).body()).doesNotContain(secret);
    }

    private static List<WebhookReceiver.Received> copies(WebhookReceiver receiver, String messageId) {
        return receiver.on("/nos").stream().filter(message -> messageId.equals(message.id())).toList();
    }

    private static JsonNode webhookOf(JsonNode deliveries) {
        for (JsonNode delivery : deliveries) {
            if (delivery.get("channel").asText().equals("WEBHOOK")) {
                return delivery;
            }
        }
        throw new AssertionError("no webhook delivery in " + deliveries);
    }

    private static void awaitAttempts(ApiClient api, String key, int attempts) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            var deliveries = api.call(key, "GET", BASE + "/deliveries", null).json();
            if (deliveries.size() > 0 && webhookOf(deliveries).get("attempts").size() >= attempts) {
                return;
            }
            WebhookReceiver.pause(100);
        }
        throw new AssertionError("fewer than " + attempts + " attempts");
    }

    private static void awaitStatus(ApiClient api, String key, String status) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            if (webhookOf(api.call(key, "GET", BASE + "/deliveries", null).json()).get("status").asText()
                    .equals(status)) {
                return;
            }
            WebhookReceiver.pause(100);
        }
        throw new AssertionError("not " + status);
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
