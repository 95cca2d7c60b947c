package org.broadcastallocation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.ServiceTest;

/**
 * A round's progress stream over HTTP: a reader that never reads holds up neither the round nor the other readers,
 * and a round takes so many readers (20 by default) and then answers 503 with Retry-After.
 */
@ServiceTest
class ProgressWatchersTest {

    private static final String PLANNER = "Basic " + Base64.getEncoder()
            .encodeToString("planner:planner-demo".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    private static int imported;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aReaderThatNeverReadsHoldsUpNeitherTheRoundNorTheOtherReaders() throws Exception {
        var api = new ApiClient(port);
        String rounds = importHague(api);
        int round = api.call(ApiClient.PLANNER, "POST", rounds, "{}").json().get("round").asInt();
        assertThat(api.call(ApiClient.PLANNER, "POST", rounds + "/" + round + "/solve?seconds=3", null).status())
                .isEqualTo(202);

        try (var stalled = new Socket()) {
            stalled.setReceiveBufferSize(1024);
            stalled.connect(new InetSocketAddress("127.0.0.1", port));
            stalled.getOutputStream().write(("GET " + rounds + "/" + round + "/progress HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\nAuthorization: " + PLANNER + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            var events = watch(rounds + "/" + round + "/progress");

            assertThat(events.get(60, TimeUnit.SECONDS)).contains("event:best").last().isEqualTo("event:end");
            var ended = api.call(ApiClient.PLANNER, "GET", rounds + "/" + round, null).json();
            assertThat(ended.get("status").asText()).isEqualTo("SOLVED");
        }
    }

    @Test
    void theWatcherBeyondTheRoundsCapIsRefusedWithAProblemDetailAndRetryAfter() throws Exception {
        var api = new ApiClient(port);
        String rounds = importHague(api);
        int round = api.call(ApiClient.PLANNER, "POST", rounds, "{}").json().get("round").asInt();
        assertThat(api.call(ApiClient.PLANNER, "POST", rounds + "/" + round + "/solve?seconds=120", null).status())
                .isEqualTo(202);
        String progress = rounds + "/" + round + "/progress";
        var open = new ArrayList<InputStream>();
        try {
            for (int i = 0; i < 20; i++) {
                var response = http.send(request(progress), HttpResponse.BodyHandlers.ofInputStream());
                assertThat(response.statusCode()).as("watcher " + (i + 1)).isEqualTo(200);
                open.add(response.body());
            }

            var refused = api.call(ApiClient.PLANNER, "GET", progress, null,
                    Map.of("Accept", "text/event-stream"));

            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).isEqualTo("10");
            JsonNode problem = refused.json();
            assertThat(problem.get("status").asInt()).isEqualTo(503);
            assertThat(problem.get("detail").asText()).contains("already has 20 progress watchers");
        } finally {
            api.call(ApiClient.PLANNER, "DELETE", rounds + "/" + round + "/solve", null);
            for (var stream : open) {
                stream.close();
            }
        }
        awaitEnd(api, rounds + "/" + round);
        var afterwards = http.send(request(progress), HttpResponse.BodyHandlers.ofLines());
        assertThat(afterwards.statusCode()).as("an ended round's stream is told the end at once").isEqualTo(200);
        assertThat(afterwards.body().filter(line -> line.startsWith("event:")).toList()).containsExactly("event:end");
    }

    private CompletableFuture<List<String>> watch(String path) {
        return http.sendAsync(request(path), HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> response.body().filter(line -> line.startsWith("event:")).toList());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", PLANNER)
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(120)).build();
    }

    private static void awaitEnd(ApiClient api, String round) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!api.call(ApiClient.PLANNER, "GET", round, null).json().get("status").asText().equals("SOLVING")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(round + " still solving");
    }

    private static String importHague(ApiClient api) throws Exception {
        String event = "progress-" + (++imported);
        var document = (ObjectNode) new ObjectMapper().readTree(Files.readString(
                Path.of("data-samples/hague-2025.json")));
        ((ObjectNode) document.get("event")).put("id", event);
        assertThat(api.call(ApiClient.PLANNER, "POST", "/api/events", document.toString()).status()).isEqualTo(201);
        return "/api/events/" + event + "/rounds";
    }
}
