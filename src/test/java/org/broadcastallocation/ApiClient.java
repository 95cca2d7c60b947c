package org.broadcastallocation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.broadcastallocation.common.Json;
import org.broadcastallocation.problem.ProblemDocument;

/**
 * The service over plain HTTP, as a client sees it: exact statuses, headers and bodies (TestRestTemplate retries,
 * follows and rewrites some of these). Callers are "planner", "operator", an API key, or null (anonymous).
 */
public final class ApiClient {

    public static final String PLANNER = "planner";
    public static final String OPERATOR = "operator";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String plannerPassword;
    private final String operatorPassword;
    private final ObjectMapper json = new ObjectMapper();

    public ApiClient(int port) {
        this(port, "planner-demo", "operator-demo");
    }

    /** For a service on an external database, which refuses the demo passwords. */
    public ApiClient(int port, String plannerPassword, String operatorPassword) {
        this.base = "http://127.0.0.1:" + port;
        this.plannerPassword = plannerPassword;
        this.operatorPassword = operatorPassword;
    }

    public record Response(int status, String contentType, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** A body: its bytes, and whether to send them chunked (no Content-Length). */
    public record Body(byte[] bytes, String contentType, boolean chunked) {
        public static Body json(String text) {
            return new Body(text.getBytes(StandardCharsets.UTF_8), "application/json", false);
        }
    }

    public Response call(String caller, String method, String path, Body body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (caller != null) {
            request.header("Authorization", authorization(caller));
        }
        headers.forEach(request::header);
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (body != null) {
            if (body.contentType() != null) {
                request.header("Content-Type", body.contentType());
            }
            publisher = body.chunked()
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.bytes()))
                    : HttpRequest.BodyPublishers.ofByteArray(body.bytes());
        }
        try {
            var response = http.send(request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response call(String caller, String method, String path, String jsonBody) {
        return call(caller, method, path, jsonBody == null ? null : Body.json(jsonBody), Map.of());
    }

    /** Imports a problem document under the given event id, as the planner. */
    public void importEvent(ProblemDocument document, String eventId) {
        try {
            ObjectNode body = Json.mapper().valueToTree(document);
            ((ObjectNode) body.get("event")).put("id", eventId);
            var response = call(PLANNER, "POST", "/api/events", json.writeValueAsString(body));
            if (response.status() != 201) {
                throw new IllegalStateException("import of " + eventId + ": " + response.status() + " "
                        + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mints an API key for the organisation, as the planner; returns it. */
    public String mintKey(String eventId, String organisation) {
        var response = call(PLANNER, "POST", "/api/events/" + eventId + "/organisations/" + organisation + "/keys",
                null);
        if (response.status() != 201) {
            throw new IllegalStateException("key for " + organisation + ": " + response.status() + " "
                    + response.body());
        }
        return response.json().get("key").asText();
    }

    private String authorization(String caller) {
        return switch (caller) {
            case PLANNER -> basic("planner", plannerPassword);
            case OPERATOR -> basic("operator", operatorPassword);
            default -> "Bearer " + caller;
        };
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }
}
