package org.broadcastallocation.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.broadcastallocation.Application;
import org.broadcastallocation.ServiceTest;

/**
 * The database goes away for a while and comes back. A service instance reaches it through a proxy that the test
 * cuts: calls during the outage get a prompt 503 problem detail (not a hang, not a 500), health says DOWN; once it
 * is back the same instance serves again without a restart, and its background schedulers are still at work.
 */
@ServiceTest
class DatabaseOutageTest {

    /** The instance behind the proxy has an external database, so real passwords (the demo ones are refused). */
    private static final String PLANNER_PASSWORD = "outage-planner";
    private static final String PLANNER = "Basic " + Base64.getEncoder()
            .encodeToString(("planner:" + PLANNER_PASSWORD).getBytes(StandardCharsets.UTF_8));
    /** Its own event: the test context, and so the database, is shared with other tests. */
    private static final String EVENT = "outage-hague";
    /** Hikari gives up on a connection after 3 s (application.yml); the slack is for a busy machine. */
    private static final Duration PROMPT = Duration.ofSeconds(10);

    @Autowired
    EmbeddedDatabase database;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();
    private TcpProxy proxy;
    private ConfigurableApplicationContext service;
    private String base;

    @BeforeEach
    void startServiceBehindProxy() throws Exception {
        proxy = new TcpProxy(database.port());
        service = new SpringApplicationBuilder(Application.class).run(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres",
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--broadcast.users.planner.password=" + PLANNER_PASSWORD,
                "--broadcast.users.operator.password=outage-operator", "--server.port=0", "--broadcast.sample-event=",
                "--broadcast.rounds.recovery-interval-millis=200", "--broadcast.rounds.heartbeat-timeout-seconds=1",
                "--logging.level.root=WARN", "--logging.level.org.broadcastallocation=ERROR");
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        proxy.close();
    }

    @Test
    void callsDuringAnOutageAnswer503PromptlyAndTheServiceRecoversWithoutRestart() throws Exception {
        var sample = (ObjectNode) json.readTree(Files.readString(Path.of("data-samples/hague-2025.json")));
        ((ObjectNode) sample.get("event")).put("id", EVENT);
        assertThat(call("POST", "/api/events", PLANNER, sample.toString()).statusCode()).isEqualTo(201);
        assertThat(call("PUT", "/api/events/" + EVENT + "/late-intake", PLANNER, "{\"open\": true}").statusCode())
                .isEqualTo(200);
        String key = "Bearer " + json.readTree(call("POST", "/api/events/" + EVENT + "/organisations/bbc/keys",
                PLANNER, "").body()).get("key").asText();
        assertThat(submit(key, "before").statusCode()).isEqualTo(201);

        proxy.cut();

        for (var duringOutage : new String[] {"first", "second"}) {
            assertDatabaseUnavailable(() -> submit(key, "during-" + duringOutage));
            assertDatabaseUnavailable(() -> call("GET", "/api/events/" + EVENT + "/requests", PLANNER, null));
            assertDatabaseUnavailable(() -> call("GET", "/api/events/" + EVENT + "/requests/bbc-2", key, null));
        }
        long started = System.nanoTime();
        var health = call("GET", "/actuator/health", null, null);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(json.readTree(health.body()).get("status").asText()).isEqualTo("DOWN");

        proxy.restore();

        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 201) {
            status = submit(key, "after").statusCode();
            if (status != 201) {
                assertThat(status).isEqualTo(503);
                Thread.sleep(250);
            }
        }
        assertThat(status).as("a submission after the database came back").isEqualTo(201);
        assertThat(call("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from request where event_id = ? and id like 'outage-%'").param(EVENT)
                .query(Integer.class).single())
                .as("before and after, nothing from during the outage").isEqualTo(2);

        // The scheduler that recovers abandoned rounds lived through the outage: it still finds one. On an event
        // of its own: the late submissions above start fills of theirs (late intake is open), and an event solves
        // one round at a time.
        String quiet = EVENT + "-quiet";
        ((ObjectNode) sample.get("event")).put("id", quiet);
        assertThat(call("POST", "/api/events", PLANNER, sample.toString()).statusCode()).isEqualTo(201);
        int round = json.readTree(call("POST", "/api/events/" + quiet + "/rounds", PLANNER, "{}").body())
                .get("round").asInt();
        jdbc.sql("""
                update round set status = 'SOLVING', claimed_by = 'a-dead-instance', started_at = now(),
                    heartbeat_at = now() - interval '10 minutes'
                where event_id = ? and number = ?""").params(quiet, round).update();
        String roundStatus = "SOLVING";
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && roundStatus.equals("SOLVING")) {
            Thread.sleep(100);
            roundStatus = json.readTree(call("GET", "/api/events/" + quiet + "/rounds/" + round, PLANNER, null)
                    .body()).get("status").asText();
        }
        assertThat(roundStatus).isEqualTo("INTERRUPTED");
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private void assertDatabaseUnavailable(Call call) throws Exception {
        long started = System.nanoTime();
        var response = call.send();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered promptly").isLessThan(PROMPT);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("detail").asText()).contains("database");
        assertThat(response.body()).doesNotContain("Exception", "at org.");
    }

    private HttpResponse<String> submit(String key, String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/events/" + EVENT + "/requests"))
                .header("Authorization", key).header("Content-Type", "application/json")
                .header("Idempotency-Key", "outage-" + id)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"id": "outage-%s", "type": "LIVE_AREA", "crewSize": 2,
                         "window": {"from": "2025-06-24T07:00:00+02:00", "to": "2025-06-25T07:00:00+02:00"}}"""
                        .formatted(id)))
                .timeout(Duration.ofSeconds(60)).build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String authorization, String body)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
