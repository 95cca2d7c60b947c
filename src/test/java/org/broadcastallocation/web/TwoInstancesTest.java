package org.broadcastallocation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.DefaultUriBuilderFactory;

import org.broadcastallocation.Application;
import org.broadcastallocation.ServiceTest;
import org.broadcastallocation.database.EmbeddedDatabase;
import org.broadcastallocation.rounds.RoundRecovery;
import org.broadcastallocation.rounds.RoundSolving;

/**
 * Two service instances on one database share the work: a round is solved by one of them only, and a round whose
 * instance died is found INTERRUPTED by the other and can be solved again.
 */
@ServiceTest
class TwoInstancesTest {

    @Autowired
    TestRestTemplate first;
    @Autowired
    EmbeddedDatabase database;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RoundSolving firstSolving;
    @Autowired
    RoundRecovery firstRecovery;
    @Autowired
    ObjectMapper json;

    private static final String SECOND_PLANNER_PASSWORD = "second-instance-planner";

    private ConfigurableApplicationContext secondInstance;
    private TestRestTemplate second;

    @BeforeEach
    void startSecondInstance() {
        secondInstance = new SpringApplicationBuilder(Application.class).run(
                "--spring.datasource.url=" + database.jdbcUrl("postgres"),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                // Its database is not its own embedded one, so it refuses the demo passwords.
                "--broadcast.users.planner.password=" + SECOND_PLANNER_PASSWORD,
                "--broadcast.users.operator.password=second-instance-operator",
                "--server.port=0", "--broadcast.sample-event=", "--logging.level.root=WARN");
        int port = ((WebServerApplicationContext) secondInstance).getWebServer().getPort();
        second = new TestRestTemplate();
        second.setUriTemplateHandler(new DefaultUriBuilderFactory(
                "http://localhost:" + port));
    }

    @AfterEach
    void stopSecondInstance() {
        secondInstance.close();
    }

    @Test
    void aRoundIsSolvedOnceAndADeadInstancesRoundIsRecovered() throws Exception {
        // Its own event: the first instance's context (and database) is shared with other @ServiceTest classes.
        var document = Files.readString(Path.of("data-samples/hague-2025.json"))
                .replaceFirst("\"id\" : \"hague-2025\"", "\"id\" : \"two-instances\"");
        assertThat(call(first, HttpMethod.POST, "/api/events", document).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String rounds = "/api/events/two-instances/rounds";
        int round = json.readTree(call(first, HttpMethod.POST, rounds, "{}").getBody()).get("round").asInt();

        assertThat(call(second, HttpMethod.POST, rounds + "/" + round + "/solve?seconds=3", null).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        assertThat(call(first, HttpMethod.POST, rounds + "/" + round + "/solve?seconds=3", null).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        var solving = state(first, rounds + "/" + round);
        assertThat(solving.get("solvingOn").asText())
                .isEqualTo(secondInstance.getBean(RoundSolving.class).instance())
                .isNotEqualTo(firstSolving.instance());
        // A planner watching on the other instance sees the scores improve and the end, relayed by the database.
        var progress = watch(first, rounds + "/" + round + "/progress");
        assertThat(progress).contains("event:best").last().isEqualTo("event:end");
        assertThat(awaitEnd(first, rounds + "/" + round).get("status").asText()).isEqualTo("SOLVED");

        // An instance dies mid-solve: its round keeps SOLVING with a heartbeat that stops.
        int orphan = json.readTree(call(first, HttpMethod.POST, rounds, "{}").getBody()).get("round").asInt();
        jdbc.sql("""
                update round set status = 'SOLVING', claimed_by = 'a-dead-instance', started_at = now(),
                    heartbeat_at = now() - interval '10 minutes'
                where event_id = 'two-instances' and number = ?""").param(orphan).update();

        firstRecovery.interruptAbandonedRounds();

        assertThat(state(first, rounds + "/" + orphan).get("status").asText()).isEqualTo("INTERRUPTED");
        assertThat(call(first, HttpMethod.POST, rounds + "/" + orphan + "/solve?seconds=2", null).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        assertThat(awaitEnd(second, rounds + "/" + orphan).get("status").asText()).isEqualTo("SOLVED");
    }

    private JsonNode awaitEnd(TestRestTemplate instance, String path) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            var state = state(instance, path);
            if (!state.get("status").asText().equals("SOLVING")) {
                return state;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " still solving");
    }

    /** The event names of a progress stream, read to its end. */
    private static List<String> watch(TestRestTemplate instance, String path) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(URI.create(instance.getRootUri() + path))
                .header(HttpHeaders.AUTHORIZATION, HttpHeaders.encodeBasicAuth("planner", "planner-demo", null)
                        .transform(token -> "Basic " + token))
                .timeout(Duration.ofSeconds(60)).build();
        return HttpClient.newHttpClient().sendAsync(request, BodyHandlers.ofLines())
                .thenApply(response -> response.body().filter(line -> line.startsWith("event:")).toList())
                .get(60, TimeUnit.SECONDS);
    }

    private JsonNode state(TestRestTemplate instance, String path) throws Exception {
        return json.readTree(call(instance, HttpMethod.GET, path, null).getBody());
    }

    private ResponseEntity<String> call(TestRestTemplate instance, HttpMethod method, String path, String body) {
        var headers = new HttpHeaders();
        headers.setBasicAuth("planner", instance == second ? SECOND_PLANNER_PASSWORD : "planner-demo");
        headers.setContentType(MediaType.APPLICATION_JSON);
        return instance.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
