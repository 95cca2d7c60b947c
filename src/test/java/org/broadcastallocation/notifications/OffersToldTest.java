package org.broadcastallocation.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;

/**
 * A fill's offer reaches the broadcaster it is made to: a cancelled place is filled, the fill published, and the
 * waitlisted request's organisation hears {@code offer.made} (signed, naming the place and how to accept), then
 * {@code offer.expired} when it lets the offer run out.
 */
@ServiceTest
class OffersToldTest {

    private static final String EVENT = "offers-told";
    private static final String BASE = "/api/events/" + EVENT;

    @DynamicPropertySource
    static void deliverQuicklyToThisMachine(DynamicPropertyRegistry properties) {
        properties.add("broadcast.webhooks.allow-private-addresses", () -> "true");
        properties.add("broadcast.notifications.poll-millis", () -> "100");
    }

    @LocalServerPort
    int port;

    @Test
    void theWaitlistedRequestOfferedAFreedPlaceIsToldOfTheOfferAndOfItsExpiry() throws Exception {
        var api = new ApiClient(port);
        // Two booths, four crews: two confirmed, two waitlisted.
        api.importEvent(Fixture.hague().zone("EDIT", 8)
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER).organisation("cnn", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2).resource("EB-02", EDIT_BOOTH, "EDIT", 560, 0, 2)
                .request("nos-1", "nos", EDIT_BOOTH).crew(2).submittedMay(1).and()
                .request("bbc-1", "bbc", EDIT_BOOTH).crew(2).submittedMay(2).and()
                .request("cnn-1", "cnn", EDIT_BOOTH).crew(2).submittedMay(3).and()
                .request("nos-2", "nos", EDIT_BOOTH).crew(2).submittedMay(4).and().document(), EVENT);
        var keys = new HashMap<String, String>();
        try (var receiver = new WebhookReceiver()) {
            for (String organisation : new String[] {"nos", "bbc", "cnn"}) {
                keys.put(organisation, api.mintKey(EVENT, organisation));
                var made = api.call(keys.get(organisation), "POST", BASE + "/webhooks", "{\"url\": \""
                        + receiver.url("/" + organisation) + "\", \"events\": [\"offer.made\", \"offer.expired\"]}");
                assertThat(made.status()).as(made.body()).isEqualTo(201);
                receiver.secret("/" + organisation, made.json().get("secret").asText());
            }
            var settings = api.call(ApiClient.PLANNER, "PUT", BASE + "/fill-settings",
                    "{\"offerSeconds\": 3, \"fillsPublishThemselves\": true}");
            assertThat(settings.status()).as(settings.body()).isEqualTo(200);

            PublishedRounds.publish(api, EVENT);
            var statuses = statuses(api);
            String freed = statuses.entrySet().stream().filter(entry -> entry.getValue().equals("CONFIRMED"))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            assertThat(api.call(keys.get(freed.split("-")[0]), "DELETE", BASE + "/requests/" + freed, null)
                    .status()).isEqualTo(200);

            // The fill publishes itself; whichever waitlisted request it serves is OFFERED.
            String waiting = null;
            for (long until = System.nanoTime() + Duration.ofSeconds(30).toNanos(); waiting == null
                    && System.nanoTime() < until; WebhookReceiver.pause(200)) {
                waiting = statuses(api).entrySet().stream().filter(entry -> entry.getValue().equals("OFFERED"))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
            }
            assertThat(waiting).as("a request offered the freed place").isNotNull();
            String organisation = waiting.split("-")[0];
            String offeredRequest = waiting;
            var offered = receiver.await("/" + organisation, message -> message.body().contains("offer.made"),
                    Duration.ofSeconds(30));
            assertThat(offered.signatureValid()).isTrue();
            var data = offered.json().get("data");
            assertThat(data.get("request").asText()).isEqualTo(waiting);
            assertThat(data.get("organisation").asText()).isEqualTo(organisation);
            assertThat(data.get("resource").asText()).startsWith("EB-0");
            // Three seconds from now, in the event's zone as it is today (+01:00 in winter, +02:00 in summer).
            var expiresAt = OffsetDateTime.parse(data.get("expiresAt").asText());
            assertThat(expiresAt.getOffset()).isEqualTo(ZoneId.of("Europe/Amsterdam").getRules()
                    .getOffset(expiresAt.toInstant()));
            assertThat(expiresAt).isAfter(OffsetDateTime.now().minusSeconds(5));

            var expired = receiver.await("/" + organisation, message -> message.body().contains("offer.expired"),
                    Duration.ofSeconds(30));
            assertThat(expired.json().get("data").get("request").asText()).isEqualTo(offeredRequest);
            // Nobody else hears of another organisation's offer.
            assertThat(receiver.received()).filteredOn(message -> !message.path().equals("/" + organisation))
                    .allMatch(message -> !message.body().contains("\"" + offeredRequest + "\""));
        }
    }

    private static Map<String, String> statuses(ApiClient api) {
        var statuses = new HashMap<String, String>();
        for (JsonNode request : api.call(ApiClient.PLANNER, "GET", BASE + "/requests", null).json()) {
            statuses.put(request.get("id").asText(), request.get("status").asText());
        }
        return statuses;
    }
}
