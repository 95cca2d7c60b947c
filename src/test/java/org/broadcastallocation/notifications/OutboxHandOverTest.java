package org.broadcastallocation.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Application;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;
import org.broadcastallocation.database.EmbeddedDatabase;

/**
 * The outbox outlives the instance that wrote it, and two instances share its delivery. The instance under test
 * writes notifications and never delivers (as one killed between its commit and its first delivery); two other
 * instances, started afterwards on the same database, deliver every message, each exactly once.
 */
@ServiceTest
@TestPropertySource(properties = {"broadcast.notifications.deliver=false",
        "broadcast.webhooks.allow-private-addresses=true"})
class OutboxHandOverTest {

    private static final String EVENT = "hand-over";
    private static final String BASE = "/api/events/" + EVENT;
    private static final int ENDPOINTS = 30;

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedDatabase database;
    @Autowired
    JdbcClient jdbc;

    private final List<ConfigurableApplicationContext> others = new ArrayList<>();

    @AfterEach
    void stopOthers() {
        others.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void messagesCommittedByAnInstanceThatNeverDeliversAreDeliveredOnceByTheOthers() {
        var api = new ApiClient(port);
        api.importEvent(Fixture.hague().zone("EDIT", 8).organisation("nos", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 0, 0, 2)
                .request("n-1", "nos", EDIT_BOOTH).and().request("n-2", "nos", EDIT_BOOTH).document(), EVENT);
        String nos = api.mintKey(EVENT, "nos");
        try (var receiver = new WebhookReceiver()) {
            for (int i = 0; i < ENDPOINTS; i++) {
                var made = api.call(nos, "POST", BASE + "/webhooks", "{\"url\": \"" + receiver.url("/e" + i)
                        + "\"}");
                assertThat(made.status()).as(made.body()).isEqualTo(201);
                receiver.secret("/e" + i, made.json().get("secret").asText());
            }
            PublishedRounds.publish(api, EVENT);
            // Slow enough that both instances are sending at the same time.
            receiver.slow(Duration.ofMillis(200));
            WebhookReceiver.pause(1_500);
            assertThat(receiver.received()).isEmpty();
            int written = jdbc.sql("select count(*) from notification where event_id = ? and status = 'PENDING'")
                    .param(EVENT).query(Integer.class).single();
            assertThat(written).isEqualTo(ENDPOINTS);

            var starting = List.of(CompletableFuture.supplyAsync(this::deliveringInstance),
                    CompletableFuture.supplyAsync(this::deliveringInstance));
            starting.forEach(instance -> others.add(instance.join()));

            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (receiver.received().size() < ENDPOINTS && System.nanoTime() < until) {
                WebhookReceiver.pause(100);
            }
            // A little longer: a second delivery of any message would show now.
            WebhookReceiver.pause(1_500);
            var received = receiver.received();
            assertThat(received).hasSize(ENDPOINTS).allMatch(WebhookReceiver.Received::signatureValid);
            var perMessage = new HashMap<String, Integer>();
            received.forEach(message -> perMessage.merge(message.id(), 1, Integer::sum));
            assertThat(perMessage).hasSize(ENDPOINTS).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
            var deliveries = api.call(nos, "GET", BASE + "/deliveries", null).json();
            deliveries.forEach(delivery -> {
                assertThat(delivery.get("status").asText()).isEqualTo("DELIVERED");
                assertThat(delivery.get("attempts")).hasSize(1);
            });
            var instances = jdbc.sql("select count(distinct instance) from notification_attempt").query(Integer.class)
                    .single();
            System.out.println("Outbox hand-over: " + ENDPOINTS + " messages delivered once each by " + instances
                    + " instance(s)");
        }
    }

    private ConfigurableApplicationContext deliveringInstance() {
        return new SpringApplicationBuilder(Application.class).run(
                "--spring.datasource.url=" + database.jdbcUrl("postgres"),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--broadcast.users.planner.password=another-instance-planner",
                "--broadcast.users.operator.password=another-instance-operator",
                "--broadcast.webhooks.allow-private-addresses=true",
                "--broadcast.notifications.poll-millis=50",
                "--server.port=0", "--broadcast.sample-event=", "--logging.level.root=WARN");
    }
}
