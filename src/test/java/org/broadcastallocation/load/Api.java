package org.broadcastallocation.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.broadcastallocation.common.Json;

/** The service's HTTP API as the drivers call it: one shared client, staff by HTTP Basic, broadcasters by key. */
final class Api {

    static final ObjectMapper JSON = Json.mapper();
    /** Made for this run: on its PostgreSQL server the service refuses the demo passwords (ServiceProcess sets them). */
    static final String PLANNER_PASSWORD = newPassword();
    static final String OPERATOR_PASSWORD = newPassword();
    static final String PLANNER = basic("planner", PLANNER_PASSWORD);
    static final String OPERATOR = basic("operator", OPERATOR_PASSWORD);

    private final URI base;
    private final HttpClient client;
    private final Duration timeout;

    Api(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    static String bearer(String key) {
        return "Bearer " + key;
    }

    HttpRequest.Builder request(String path, String authorization) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Authorization", authorization);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        return send(request(path, authorization).GET().build());
    }

    HttpResponse<String> post(String path, String authorization, String json)
            throws IOException, InterruptedException {
        return send(request(path, authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> put(String path, String authorization, String json)
            throws IOException, InterruptedException {
        return send(request(path, authorization).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A call that must answer {@code expected}; its body as JSON. */
    JsonNode expect(int expected, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                    + " answered " + response.statusCode() + ", expected " + expected + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private static String newPassword() {
        var bytes = new byte[18];
        new java.security.SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }
}
