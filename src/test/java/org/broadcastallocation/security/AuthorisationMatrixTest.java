package org.broadcastallocation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;
import static org.broadcastallocation.problem.ResourceType.TV_STUDIO;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;

/**
 * Every endpoint against every role, with the exact status of each cell, over real HTTP. Roles: anonymous, a
 * broadcaster of the organisation that owns the request in the path ("nos"), a broadcaster of another organisation
 * ("bbc"), the planner and the operator. Denied cells run first and must leave no trace in the audit log; every
 * allowed change must leave an entry naming who made it and when. The audit log itself cannot be changed.
 */
@ServiceTest
class AuthorisationMatrixTest {

    private static final String EVENT = "matrix";
    private static final String BASE = "/api/events/" + EVENT;
    private static final String IMPORTED = "matrix-imported";
    /** The order cells run in: refusals before the one call that changes something. */
    private static final List<String> ROLES = List.of("anonymous", "bbc", "operator", "nos", "planner");

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private ApiClient api;
    private final Map<String, String> keys = new LinkedHashMap<>();

    /**
     * One row of the matrix: the controller mapping it covers (method, pattern and, where two mappings share a
     * path, what it produces), the concrete call, and the expected status per role, in the order of
     * "anonymous nos bbc planner operator".
     */
    private record Row(String mapping, String path, Supplier<String> body, Map<String, String> headers,
            String expected) {

        String method() {
            return mapping.replace("(not mapped) ", "").split(" ")[0];
        }

        int expected(String role) {
            var statuses = expected.trim().split("\\s+");
            return Integer.parseInt(statuses[List.of("anonymous", "nos", "bbc", "planner", "operator")
                    .indexOf(role)]);
        }

        boolean isMapping() {
            return !mapping.startsWith("(not mapped)");
        }
    }

    private static Row row(String mapping, String path, String expected) {
        return new Row(mapping, path, () -> null, Map.of(), expected);
    }

    private static Row row(String mapping, String path, String body, String expected) {
        return new Row(mapping, path, () -> body, Map.of(), expected);
    }

    private List<Row> table() {
        String request = """
                {"type": "EDIT_BOOTH",
                 "window": {"from": "2025-06-23T09:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}}""";
        String resource = """
                {"type": "EDIT_BOOTH", "zone": "EDIT", "x": 1, "y": 2, "capacity": 2}""";
        var rows = new ArrayList<Row>();
        //                                                                       anon nos bbc planner operator
        // Events
        rows.add(row("POST /api/events", "/api/events", importBody(), "401 403 403 201 403"));
        rows.add(row("GET /api/events", "/api/events", "401 403 403 200 200"));
        rows.add(row("GET /api/events/{event}", BASE, "401 403 403 200 200"));
        rows.add(row("GET /api/events/{event}/problem", BASE + "/problem", "401 403 403 200 403"));
        rows.add(row("PUT /api/events/{event}/late-intake", BASE + "/late-intake", "{\"open\": true}",
                "401 403 403 200 403"));
        rows.add(row("GET /api/events/{event}/audit", BASE + "/audit", "401 403 403 200 200"));
        // The audit log is read-only for everyone: no mapping changes it.
        rows.add(row("(not mapped) POST audit", BASE + "/audit", "{}", "401 403 403 405 403"));
        rows.add(row("(not mapped) PUT audit", BASE + "/audit", "{}", "401 403 403 405 403"));
        rows.add(row("(not mapped) DELETE audit", BASE + "/audit", "401 403 403 405 403"));
        rows.add(row("(not mapped) PUT audit entry", BASE + "/audit/1", "{}", "401 403 403 404 403"));
        rows.add(row("(not mapped) DELETE audit entry", BASE + "/audit/1", "401 403 403 404 403"));
        // Requests: another organisation's request is "not found", not "forbidden": its existence is not told.
        rows.add(row("POST /api/events/{event}/requests", BASE + "/requests", request, "401 201 201 403 403"));
        rows.add(row("GET /api/events/{event}/requests", BASE + "/requests", "401 200 200 200 200"));
        rows.add(row("GET /api/events/{event}/requests/{id}", BASE + "/requests/m-1", "401 200 404 200 200"));
        rows.add(new Row("PUT /api/events/{event}/requests/{id}", BASE + "/requests/m-1",
                () -> request.replace("{", "{\"version\": " + version("m-1") + ", "), Map.of(),
                "401 200 404 403 403"));
        rows.add(row("DELETE /api/events/{event}/requests/{id}", BASE + "/requests/m-2", "401 200 404 403 403"));
        rows.add(row("POST /api/events/{event}/requests/{id}/reject", BASE + "/requests/m-3/reject",
                "{\"reason\": \"duplicate\"}", "401 403 403 200 403"));
        rows.add(row("GET /api/events/{event}/allocations", BASE + "/allocations", "401 200 200 403 403"));
        // Who is signed in (the console asks): anyone with credentials.
        rows.add(row("GET /api/me", "/api/me", "401 200 200 200 200"));
        rows.add(row("GET /api/events/{event}/allocations.ics text/calendar", BASE + "/allocations.ics",
                "401 200 200 403 403"));
        // Rounds: round 1 is solved, round 2 waits to be solved and stopped.
        String rounds = BASE + "/rounds";
        rows.add(row("POST /api/events/{event}/rounds", rounds, "{\"seconds\": 5}", "401 403 403 201 403"));
        rows.add(row("GET /api/events/{event}/rounds", rounds, "401 403 403 200 200"));
        rows.add(row("GET /api/events/{event}/rounds/{round}", rounds + "/1", "401 403 403 200 200"));
        rows.add(row("GET /api/events/{event}/rounds/{round}/progress text/event-stream", rounds + "/1/progress",
                "401 403 403 200 200"));
        rows.add(new Row("GET /api/events/{event}/rounds/{round}/report application/json", rounds + "/1/report",
                () -> null, Map.of("Accept", "application/json"), "401 403 403 200 200"));
        rows.add(new Row("GET /api/events/{event}/rounds/{round}/report text/csv", rounds + "/1/report",
                () -> null, Map.of("Accept", "text/csv"), "401 403 403 200 200"));
        rows.add(new Row("GET /api/events/{event}/rounds/{round}/report"
                + " application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", rounds + "/1/report", () -> null,
                Map.of("Accept", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                "401 403 403 200 200"));
        rows.add(row("GET /api/events/{event}/rounds/{round}/analysis", rounds + "/1/analysis",
                "401 403 403 200 200"));
        rows.add(row("GET /api/events/{event}/rounds/{round}/timeline", rounds + "/1/timeline",
                "401 403 403 200 200"));
        rows.add(row("GET /api/events/{event}/rounds/{round}/diff/{other}", rounds + "/1/diff/2",
                "401 403 403 200 200"));
        rows.add(row("POST /api/events/{event}/rounds/{round}/solve", rounds + "/2/solve?seconds=60",
                "401 403 403 202 403"));
        rows.add(row("DELETE /api/events/{event}/rounds/{round}/solve", rounds + "/2/solve",
                "401 403 403 200 403"));
        rows.add(row("POST /api/events/{event}/rounds/{round}/publish", rounds + "/1/publish",
                "401 403 403 200 403"));
        // Site
        rows.add(row("GET /api/events/{event}/resources", BASE + "/resources", "401 403 403 200 200"));
        rows.add(row("GET /api/events/{event}/resources/{id}", BASE + "/resources/EB-01", "401 403 403 200 200"));
        rows.add(row("PUT /api/events/{event}/resources/{id}", BASE + "/resources/EB-NEW", resource,
                "401 403 403 200 403"));
        rows.add(row("DELETE /api/events/{event}/resources/{id}", BASE + "/resources/STUDIO-GONE",
                "401 403 403 204 403"));
        rows.add(row("GET /api/events/{event}/zones", BASE + "/zones", "401 403 403 200 200"));
        rows.add(row("PUT /api/events/{event}/zones/{id}", BASE + "/zones/Z-NEW", "{\"fibreLinks\": 2}",
                "401 403 403 200 403"));
        rows.add(row("DELETE /api/events/{event}/zones/{id}", BASE + "/zones/Z-GONE", "401 403 403 204 403"));
        rows.add(row("GET /api/events/{event}/organisations", BASE + "/organisations", "401 403 403 200 200"));
        rows.add(row("GET /api/events/{event}/organisations/{id}", BASE + "/organisations/nos",
                "401 403 403 200 200"));
        rows.add(row("GET /api/events/{event}/organisations/{organisation}/allocations.ics text/calendar",
                BASE + "/organisations/nos/allocations.ics", "401 403 403 200 200"));
        rows.add(row("PUT /api/events/{event}/organisations/{id}", BASE + "/organisations/org-new",
                "{\"name\": \"New\", \"kind\": \"RADIO\", \"country\": \"NL\"}", "401 403 403 200 403"));
        rows.add(row("DELETE /api/events/{event}/organisations/{id}", BASE + "/organisations/gone",
                "401 403 403 204 403"));
        rows.add(row("POST /api/events/{event}/organisations/{id}/keys", BASE + "/organisations/rev/keys",
                "401 403 403 201 403"));
        rows.add(row("DELETE /api/events/{event}/organisations/{id}/keys", BASE + "/organisations/rev/keys",
                "401 403 403 200 403"));
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAgainstEveryRole() {
        setUp();
        var table = table();
        var cells = new int[1];
        var rows = table.stream().map(row -> dynamicTest(row.mapping(), () -> {
            long lastAudit = lastAuditId(EVENT);
            long lastImported = lastAuditId(IMPORTED);
            var wrong = new ArrayList<String>();
            for (String role : ROLES) {
                int expected = row.expected(role);
                var response = api.call(caller(role), row.method(), row.path(), body(row), row.headers());
                cells[0]++;
                if (response.status() != expected) {
                    wrong.add(role + ": " + response.status() + " (expected " + expected + ") " + response.body());
                } else if (expected >= 400) {
                    assertThat(response.contentType()).as(role).startsWith("application/problem+json");
                }
                if (expected >= 400 && !row.method().equals("GET")) {
                    assertThat(lastAuditId(EVENT)).as(role + " was refused but left an audit entry")
                            .isEqualTo(lastAudit);
                }
                if (expected < 300 && !row.method().equals("GET")) {
                    boolean imports = row.path().equals("/api/events");
                    auditedBy(imports ? IMPORTED : EVENT, imports ? lastImported : lastAudit, actor(role));
                    lastAudit = lastAuditId(EVENT);
                }
            }
            assertThat(wrong).as(row.mapping()).isEmpty();
        }));
        var total = Stream.of(dynamicTest("cells", () -> {
            System.out.println("Authorisation matrix: " + table.size() + " rows x " + ROLES.size() + " roles = "
                    + cells[0] + " cells");
            assertThat(cells[0]).isEqualTo(table.size() * ROLES.size());
        }));
        return Stream.concat(rows, total);
    }

    @Test
    void everyControllerMappingIsInTheMatrix() {
        var mapped = new TreeSet<String>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            var type = handler.getBeanType();
            if (!type.getPackageName().equals("org.broadcastallocation.web")
                    || !type.getSimpleName().endsWith("Controller")) {
                return;
            }
            var produces = info.getProducesCondition().getExpressions().stream()
                    .map(expression -> expression.getMediaType().toString()).sorted().toList();
            for (var method : info.getMethodsCondition().getMethods()) {
                for (var pattern : info.getPathPatternsCondition().getPatternValues()) {
                    mapped.add(method + " " + pattern + (produces.isEmpty() ? "" : " " + String.join(",",
                            produces)));
                }
            }
        });
        var table = table().stream().filter(Row::isMapping).map(Row::mapping).toList();

        assertThat(mapped).hasSizeGreaterThan(30);
        assertThat(table).containsExactlyInAnyOrderElementsOf(mapped);
    }

    private void setUp() {
        api = new ApiClient(port);
        api.importEvent(Fixture.hague().zone("EDIT", 8).zone("Z-GONE", 1)
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER)
                .organisation("rev", BROADCASTER).organisation("gone", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2)
                .resource("STUDIO-GONE", TV_STUDIO, "EDIT", 0, 0, 20)
                .request("seed", "bbc", EDIT_BOOTH).and().request("seed-2", "bbc", EDIT_BOOTH).document(), EVENT);
        for (String organisation : List.of("nos", "bbc", "rev")) {
            keys.put(organisation, api.mintKey(EVENT, organisation));
        }
        for (String id : List.of("m-1", "m-2", "m-3")) {
            assertThat(api.call(keys.get("nos"), "POST", BASE + "/requests", """
                    {"id": "%s", "type": "EDIT_BOOTH",
                     "window": {"from": "2025-06-23T09:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}}"""
                    .formatted(id)).status()).isEqualTo(201);
        }
        // Round 1 solved (three requests for one booth: nobody reaches the bound, so it runs its second);
        // round 2 waits.
        assertThat(api.call(ApiClient.PLANNER, "POST", BASE + "/rounds", null).status()).isEqualTo(201);
        assertThat(api.call(ApiClient.PLANNER, "POST", BASE + "/rounds/1/solve?seconds=1", null).status())
                .isEqualTo(202);
        awaitEnd(1);
        assertThat(api.call(ApiClient.PLANNER, "POST", BASE + "/rounds", null).status()).isEqualTo(201);
    }

    private void awaitEnd(int round) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            String status = api.call(ApiClient.OPERATOR, "GET", BASE + "/rounds/" + round, null).json()
                    .get("status").asText();
            if (!status.equals("SOLVING") && !status.equals("CREATED")) {
                return;
            }
            sleep();
        }
        throw new AssertionError("round " + round + " did not end");
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ApiClient.Body body(Row row) {
        String text = row.body().get();
        return text == null ? null : ApiClient.Body.json(text);
    }

    private int version(String request) {
        return api.call(ApiClient.PLANNER, "GET", BASE + "/requests/" + request, null).json().get("version").asInt();
    }

    private String caller(String role) {
        return switch (role) {
            case "anonymous" -> null;
            case "planner" -> ApiClient.PLANNER;
            case "operator" -> ApiClient.OPERATOR;
            default -> keys.get(role);
        };
    }

    private static String actor(String role) {
        return switch (role) {
            case "planner", "operator" -> role;
            default -> "key:" + EVENT + "/" + role;
        };
    }

    private long lastAuditId(String event) {
        var response = api.call(ApiClient.OPERATOR, "GET", "/api/events/" + event + "/audit?limit=1000", null);
        if (response.status() == 404) {
            return 0;
        }
        long last = 0;
        for (JsonNode entry : response.json()) {
            last = Math.max(last, entry.get("id").asLong());
        }
        return last;
    }

    private void auditedBy(String event, long after, String actor) {
        var entries = api.call(ApiClient.OPERATOR, "GET", "/api/events/" + event + "/audit?after=" + after, null)
                .json();
        assertThat(entries).as("audit entries of the change by " + actor).isNotEmpty();
        for (JsonNode entry : entries) {
            assertThat(entry.get("actor").asText()).isEqualTo(actor);
            assertThat(entry.get("action").asText()).isNotBlank();
            var at = OffsetDateTime.parse(entry.get("at").asText());
            assertThat(Duration.between(at, OffsetDateTime.now()).abs()).isLessThan(Duration.ofMinutes(5));
        }
    }

    private static String importBody() {
        try {
            var document = Fixture.hague().zone("EDIT", 1).organisation("x", BROADCASTER).document();
            return org.broadcastallocation.problem.Json.mapper().writeValueAsString(document)
                    .replace("\"test\"", "\"" + IMPORTED + "\"");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
