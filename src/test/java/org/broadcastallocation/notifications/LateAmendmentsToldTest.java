package org.broadcastallocation.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.JuneClock;

/**
 * An amendment after the deadline is a new late application: once the event has a published round, staff endpoints
 * that asked for request.late hear of it as of a late submission (signed, over HTTP on PostgreSQL), marked as an
 * amendment with the request's version; one made before the first publish waits for the first round like every
 * request, and is not told. The clock stands after the fixtures' deadline: every amendment here is late.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(JuneClock.class)
@TestPropertySource(properties = {"broadcast.webhooks.allow-private-addresses=true",
        "broadcast.notifications.poll-millis=100"})
class LateAmendmentsToldTest {

    private static final String EVENT = "late-amended";
    private static final String BASE = "/api/events/" + EVENT;
    private static final String BOOTH_FOR_TWO = """
            {"type": "EDIT_BOOTH", "crewSize": 2, "durationMinutes": %d,
             "window": {"from": "2025-06-23T09:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void staffHearOfAnAmendmentAfterTheDeadlineOnceARoundIsPublishedAndNotBefore() {
        var api = new ApiClient(port);
        // One booth for three crews: the publish confirms one and waitlists two.
        api.importEvent(Fixture.hague().zone("EDIT", 8).lateIntake()
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER).organisation("cnn", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2)
                .request("nos-1", "nos", EDIT_BOOTH).crew(2).submittedMay(1).and()
                .request("bbc-1", "bbc", EDIT_BOOTH).crew(2).submittedMay(2).and()
                .request("cnn-1", "cnn", EDIT_BOOTH).crew(2).submittedMay(3).and()
                .document(), EVENT);
        var keys = Map.of("nos", api.mintKey(EVENT, "nos"), "bbc", api.mintKey(EVENT, "bbc"), "cnn",
                api.mintKey(EVENT, "cnn"));
        try (var receiver = new WebhookReceiver()) {
            var made = api.call(ApiClient.PLANNER, "POST", BASE + "/webhooks", "{\"url\": \"" + receiver.url("/staff")
                    + "\", \"events\": [\"request.late\"]}");
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            receiver.secret("/staff", made.json().get("secret").asText());

            var beforeAnyPublish = amend(api, keys.get("cnn"), "cnn-1", 180);
            assertThat(beforeAnyPublish.status()).as(beforeAnyPublish.body()).isEqualTo(200);
            PublishedRounds.publish(api, EVENT);
            String waiting = null;
            for (var request : api.call(ApiClient.PLANNER, "GET", BASE + "/requests", null).json()) {
                if (request.get("status").asText().equals("WAITLISTED")) {
                    waiting = request.get("id").asText();
                }
            }
            assertThat(waiting).as("a request the publish waitlisted").isNotNull();
            String organisation = waiting.split("-")[0];

            var afterPublish = amend(api, keys.get(organisation), waiting, 120);

            assertThat(afterPublish.status()).as(afterPublish.body()).isEqualTo(200);
            int version = afterPublish.json().get("version").asInt();
            var told = receiver.await("/staff", message -> true, Duration.ofSeconds(20));
            assertThat(told.signatureValid()).isTrue();
            assertThat(told.json().get("type").asText()).isEqualTo("request.late");
            var data = told.json().get("data");
            assertThat(data.get("event").asText()).isEqualTo(EVENT);
            assertThat(data.get("organisation").asText()).isEqualTo(organisation);
            assertThat(data.get("request").asText()).isEqualTo(waiting);
            assertThat(data.get("amendment").asBoolean()).isTrue();
            assertThat(data.get("version").asInt()).isEqualTo(version);
            assertThat(data.get("durationMinutes").asInt()).isEqualTo(120);
            assertThat(data.get("submittedAt").asText()).as("taken at its own time")
                    .isEqualTo("2025-06-10T10:00:00+02:00");
            assertThat(data.get("timeZone").asText()).isEqualTo("Europe/Amsterdam");

            // Long enough for anything else written to have been delivered (polls every 100 ms).
            WebhookReceiver.pause(1_500);
            assertThat(receiver.on("/staff")).hasSize(1);
            assertThat(jdbc.sql("select count(*) from notification where event_id = ? and type = 'request.late'")
                    .param(EVENT).query(Integer.class).single()).isEqualTo(1);
        }
    }

    /** The request amended to a slot of {@code minutes}, at the version it has now. */
    private static ApiClient.Response amend(ApiClient api, String key, String request, int minutes) {
        int version = api.call(key, "GET", BASE + "/requests/" + request, null).json().get("version").asInt();
        return api.call(key, "PUT", BASE + "/requests/" + request, ApiClient.Body.json(BOOTH_FOR_TWO
                .formatted(minutes)), Map.of("If-Match", "\"" + version + "\""));
    }
}
