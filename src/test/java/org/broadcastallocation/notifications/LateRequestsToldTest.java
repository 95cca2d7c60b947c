package org.broadcastallocation.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.time.Duration;

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
 * A planner's own integration hears of every late request that misses a published plan, over HTTP on PostgreSQL,
 * signed: one submitted after the event's first publish reaches the staff endpoint that asked for request.late; one
 * submitted before it (it waits for the first round like every request) does not; no organisation's endpoint gets
 * request.late, nor may ask for it. The clock stands after the fixtures' deadline: every submission here is late.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(JuneClock.class)
@TestPropertySource(properties = {"broadcast.webhooks.allow-private-addresses=true",
        "broadcast.notifications.poll-millis=100"})
class LateRequestsToldTest {

    private static final String EVENT = "late-told";
    private static final String BASE = "/api/events/" + EVENT;
    private static final String WINDOW = """
            "window": {"from": "2025-06-23T09:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void staffHearOfALateRequestAfterTheFirstPublishAndNobodyElseDoes() {
        var api = new ApiClient(port);
        api.importEvent(Fixture.hague().zone("EDIT", 8).lateIntake()
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2).resource("EB-02", EDIT_BOOTH, "EDIT", 560, 0, 2)
                .request("nos-1", "nos", EDIT_BOOTH).crew(2).submittedMay(1).and()
                .document(), EVENT);
        String nos = api.mintKey(EVENT, "nos");
        String bbc = api.mintKey(EVENT, "bbc");
        try (var receiver = new WebhookReceiver()) {
            var refused = api.call(nos, "POST", BASE + "/webhooks", "{\"url\": \"" + receiver.url("/nos")
                    + "\", \"events\": [\"request.late\"]}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.body()).contains("staff endpoints only");
            // Every type an organisation may have: request.late is not among them.
            register(api, nos, "{\"url\": \"" + receiver.url("/nos") + "\"}", receiver, "/nos");
            register(api, ApiClient.PLANNER, "{\"url\": \"" + receiver.url("/staff")
                    + "\", \"events\": [\"request.late\"]}", receiver, "/staff");

            var beforeAnyPublish = api.call(bbc, "POST", BASE + "/requests", "{\"id\": \"bbc-before\","
                    + " \"type\": \"EDIT_BOOTH\", \"crewSize\": 2, " + WINDOW + "}");
            assertThat(beforeAnyPublish.status()).as(beforeAnyPublish.body()).isEqualTo(201);
            PublishedRounds.publish(api, EVENT);
            var afterPublish = api.call(nos, "POST", BASE + "/requests", "{\"id\": \"nos-late\","
                    + " \"type\": \"EDIT_BOOTH\", \"crewSize\": 2, \"durationMinutes\": 120, " + WINDOW + "}");
            assertThat(afterPublish.status()).as(afterPublish.body()).isEqualTo(201);

            var told = receiver.await("/staff", message -> true, Duration.ofSeconds(20));
            assertThat(told.signatureValid()).isTrue();
            assertThat(told.json().get("type").asText()).isEqualTo("request.late");
            var data = told.json().get("data");
            assertThat(data.get("event").asText()).isEqualTo(EVENT);
            assertThat(data.get("organisation").asText()).isEqualTo("nos");
            assertThat(data.get("request").asText()).isEqualTo("nos-late");
            assertThat(data.get("type").asText()).isEqualTo("EDIT_BOOTH");
            assertThat(data.get("durationMinutes").asInt()).isEqualTo(120);
            assertThat(data.get("window").get("from").asText()).isEqualTo("2025-06-23T09:00:00+02:00");
            assertThat(data.get("submittedAt").asText()).isEqualTo("2025-06-10T10:00:00+02:00");
            assertThat(data.get("timeZone").asText()).isEqualTo("Europe/Amsterdam");

            // Long enough for anything else written to have been delivered (polls every 100 ms).
            WebhookReceiver.pause(1_500);
            assertThat(receiver.on("/staff")).hasSize(1);
            assertThat(receiver.on("/nos")).isNotEmpty()
                    .noneMatch(message -> message.json().get("type").asText().equals("request.late"));
            assertThat(jdbc.sql("select count(*) from notification where event_id = ? and type = 'request.late'")
                    .param(EVENT).query(Integer.class).single()).isEqualTo(1);
        }
    }

    private static void register(ApiClient api, String caller, String body, WebhookReceiver receiver, String path) {
        var made = api.call(caller, "POST", BASE + "/webhooks", body);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        receiver.secret(path, made.json().get("secret").asText());
    }
}
