package org.broadcastallocation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;
import static org.broadcastallocation.problem.ResourceType.TV_STUDIO;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
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
    private String revFeed;

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

    /**
     * The matrix. Columns: the mapping (method, pattern with "~" for /api/events/{event} and, where two mappings
     * share a path, what it produces, in short: json, csv, xlsx; "(not mapped)" for calls no mapping takes), the
     * path called ("~" is this event), the body (a name from {@link #bodies()}, or "-"), and the status for
     * anonymous, nos (owner), bbc (another organisation), planner, operator. Rows run in order: round 1 is solved
     * and round 2 created beforehand; the solve and stop rows run round 2, the publish row round 1. Another
     * organisation's request is "not found", not "forbidden": its existence is not told. The audit log is read-only
     * for everyone.
     */
    private static final String TABLE = """
        POST /api/events                  | /api/events                 | import   | 401 403 403 201 403
        GET /api/events                   | /api/events                 | -        | 401 403 403 200 200
        GET ~                             | ~                           | -        | 401 403 403 200 200
        GET ~/problem                     | ~/problem                   | -        | 401 403 403 200 403
        PUT ~/late-intake                 | ~/late-intake               | late     | 401 403 403 200 403
        GET ~/audit                       | ~/audit                     | -        | 401 403 403 200 200
        (not mapped) POST audit           | ~/audit                     | empty    | 401 403 403 405 403
        (not mapped) PUT audit            | ~/audit                     | empty    | 401 403 403 405 403
        (not mapped) DELETE audit         | ~/audit                     | -        | 401 403 403 405 403
        (not mapped) PUT audit entry      | ~/audit/1                   | empty    | 401 403 403 404 403
        (not mapped) DELETE audit entry   | ~/audit/1                   | -        | 401 403 403 404 403
        POST ~/requests                   | ~/requests                  | request  | 401 201 201 403 403
        GET ~/requests                    | ~/requests                  | -        | 401 200 200 200 200
        GET ~/requests/{id}               | ~/requests/m-1              | -        | 401 200 404 200 200
        PUT ~/requests/{id}               | ~/requests/m-1              | amend    | 401 200 404 403 403
        DELETE ~/requests/{id}            | ~/requests/m-2              | -        | 401 200 404 403 403
        POST ~/requests/{id}/reject       | ~/requests/m-3/reject       | reject   | 401 403 403 200 403
        GET ~/allocations                 | ~/allocations               | -        | 401 200 200 403 403
        GET /api/me                       | /api/me                     | -        | 401 200 200 200 200
        GET ~/allocations.ics             | ~/allocations.ics           | -        | 401 200 200 403 403
        POST ~/rounds                     | ~/rounds                    | round    | 401 403 403 201 403
        GET ~/rounds                      | ~/rounds                    | -        | 401 403 403 200 200
        GET ~/rounds/{round}              | ~/rounds/1                  | -        | 401 403 403 200 200
        GET ~/rounds/{round}/progress     | ~/rounds/1/progress         | -        | 401 403 403 200 200
        GET ~/rounds/{round}/report json  | ~/rounds/1/report           | -        | 401 403 403 200 200
        GET ~/rounds/{round}/report csv   | ~/rounds/1/report           | -        | 401 403 403 200 200
        GET ~/rounds/{round}/report xlsx  | ~/rounds/1/report           | -        | 401 403 403 200 200
        GET ~/rounds/{round}/analysis     | ~/rounds/1/analysis         | -        | 401 403 403 200 200
        GET ~/rounds/{round}/timeline     | ~/rounds/1/timeline         | -        | 401 403 403 200 200
        GET ~/rounds/{round}/diff/{other} | ~/rounds/1/diff/2           | -        | 401 403 403 200 200
        POST ~/rounds/{round}/solve       | ~/rounds/2/solve?seconds=60 | -        | 401 403 403 202 403
        DELETE ~/rounds/{round}/solve     | ~/rounds/2/solve            | -        | 401 403 403 200 403
      GET ~/rounds/{round}/requests/{request}/recommendations | ~/rounds/1/requests/m-1/recommendations | - | 401 403 403 200 200
      PUT ~/rounds/{round}/allocations/{request} | ~/rounds/1/allocations/m-1 | hand | 401 403 403 200 403
        GET ~/offers                      | ~/offers                    | -        | 401 200 200 200 200
        POST ~/offers/{request}/accept    | ~/offers/m-1/accept         | -        | 401 404 404 403 403
        POST ~/offers/{request}/decline   | ~/offers/m-1/decline        | -        | 401 404 404 403 403
        GET ~/fill-settings               | ~/fill-settings             | -        | 401 403 403 200 200
        PUT ~/fill-settings               | ~/fill-settings             | fills    | 401 403 403 200 403
        POST ~/rounds/{round}/publish     | ~/rounds/1/publish          | -        | 401 403 403 200 403
        POST ~/webhooks                   | ~/webhooks                  | webhook  | 401 201 201 201 403
        GET ~/webhooks                    | ~/webhooks                  | -        | 401 200 200 200 200
        POST ~/webhooks/{id}/secret       | ~/webhooks/{nos-webhook}/secret | -    | 401 200 404 200 403
        DELETE ~/webhooks/{id}            | ~/webhooks/{nos-webhook}    | -        | 401 204 404 204 403
        GET ~/deliveries                  | ~/deliveries                | -        | 401 200 200 200 200
        POST ~/deliveries/{id}/redeliver  | ~/deliveries/{delivery}/redeliver | -  | 401 403 403 202 403
        GET ~/contacts                    | ~/contacts?organisation=nos | -        | 401 200 404 200 200
        PUT ~/contacts                    | ~/contacts?organisation=nos | contacts | 401 200 404 200 403
        POST ~/calendar-feeds             | ~/calendar-feeds?organisation=nos | -  | 401 201 404 201 403
        GET ~/calendar-feeds              | ~/calendar-feeds            | -        | 401 200 200 200 200
        POST ~/calendar-feeds/{id}/rotate | ~/calendar-feeds/{nos-feed}/rotate | - | 401 200 404 200 403
        DELETE ~/calendar-feeds/{id}      | ~/calendar-feeds/{nos-feed} | -        | 401 204 404 204 403
        GET /calendars/{token}.ics        | {rev-feed}                  | -        | 200 200 200 200 200
        GET ~/resources                   | ~/resources                 | -        | 401 403 403 200 200
        GET ~/resources/{id}              | ~/resources/EB-01           | -        | 401 403 403 200 200
        PUT ~/resources/{id}              | ~/resources/EB-NEW          | resource | 401 403 403 200 403
        DELETE ~/resources/{id}           | ~/resources/STUDIO-GONE     | -        | 401 403 403 204 403
        GET ~/zones                       | ~/zones                     | -        | 401 403 403 200 200
        PUT ~/zones/{id}                  | ~/zones/Z-NEW               | zone     | 401 403 403 200 403
        DELETE ~/zones/{id}               | ~/zones/Z-GONE              | -        | 401 403 403 204 403
        GET ~/organisations               | ~/organisations             | -        | 401 403 403 200 200
        GET ~/organisations/{id}          | ~/organisations/nos         | -        | 401 403 403 200 200
      GET ~/organisations/{organisation}/allocations.ics | ~/organisations/nos/allocations.ics | - | 401 403 403 200 200
        PUT ~/organisations/{id}          | ~/organisations/org-new     | org      | 401 403 403 200 403
        DELETE ~/organisations/{id}       | ~/organisations/gone        | -        | 401 403 403 204 403
        POST ~/organisations/{id}/keys    | ~/organisations/rev/keys    | -        | 401 403 403 201 403
        DELETE ~/organisations/{id}/keys  | ~/organisations/rev/keys    | -        | 401 403 403 200 403
        """;

    /** The table's short names for what a mapping produces, written out. */
    private static String produces(String mapping) {
        var types = Map.of("json", "application/json", "csv", "text/csv", "sse", "text/event-stream",
                "ics", "text/calendar", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        String last = mapping.substring(mapping.lastIndexOf(' ') + 1);
        return types.containsKey(last) ? mapping.substring(0, mapping.lastIndexOf(' ') + 1) + types.get(last)
                : mapping;
    }

    private Map<String, Supplier<String>> bodies() {
        String request = """
                {"type": "EDIT_BOOTH",
                 "window": {"from": "2025-06-23T09:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}}""";
        Map<String, Supplier<String>> bodies = new HashMap<>();
        bodies.put("-", () -> null);
        bodies.put("empty", () -> "{}");
        bodies.put("import", AuthorisationMatrixTest::importBody);
        bodies.put("late", () -> "{\"open\": true}");
        bodies.put("request", () -> request);
        // The request's current version, read just before: the solved round may have moved it on.
        bodies.put("amend", () -> request.replace("{", "{\"version\": " + version("m-1") + ", "));
        bodies.put("reject", () -> "{\"reason\": \"duplicate\"}");
        bodies.put("round", () -> "{\"seconds\": 5}");
        bodies.put("hand", () -> "{\"unassigned\": true}");
        bodies.put("fills", () -> "{\"offerSeconds\": 3600, \"fillsPublishThemselves\": false}");
        bodies.put("resource", () -> "{\"type\": \"EDIT_BOOTH\", \"zone\": \"EDIT\", \"x\": 1, \"y\": 2}");
        bodies.put("zone", () -> "{\"fibreLinks\": 2}");
        bodies.put("org", () -> "{\"name\": \"New\", \"kind\": \"RADIO\", \"country\": \"NL\"}");
        // TEST-NET-1 (RFC 5737): a public address that reaches nobody, so no test traffic leaves for the world.
        bodies.put("webhook", () -> "{\"url\": \"https://192.0.2.1/hook\", \"events\": [\"round.published\"]}");
        bodies.put("contacts", () -> "{\"addresses\": [\"desk@nos.example\"]}");
        return bodies;
    }

    private List<Row> table() {
        var bodies = bodies();
        return TABLE.lines().map(line -> line.split("\\|")).map(cells -> {
            String mapping = produces(cells[0].trim().replace("~", "/api/events/{event}"));
            // Mappings on one path (the report) tell themselves apart by what they produce: ask for it.
            Map<String, String> headers = mapping.contains("/report ")
                    ? Map.of("Accept", mapping.substring(mapping.lastIndexOf(' ') + 1)) : Map.of();
            var body = bodies.get(cells[2].trim());
            if (body == null) {
                throw new IllegalArgumentException("no body named " + cells[2].trim());
            }
            return new Row(mapping, cells[1].trim().replace("~", BASE), body, headers, cells[3]);
        }).toList();
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
                var response = api.call(caller(role), row.method(), resolved(row.path()), body(row),
                        row.headers());
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
        // Method and pattern of each mapping, with what it produces, if anything.
        var produced = new HashMap<String, List<String>>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            // Each module keeps its own controllers: every one of the project's counts, wherever it lives.
            var type = handler.getBeanType();
            if (!type.getPackageName().startsWith("org.broadcastallocation.")
                    || !type.getSimpleName().endsWith("Controller")) {
                return;
            }
            String produces = info.getProducesCondition().getExpressions().stream()
                    .map(expression -> expression.getMediaType().toString()).sorted()
                    .reduce((a, b) -> a + "," + b).orElse("");
            for (var method : info.getMethodsCondition().getMethods()) {
                for (var pattern : info.getPathPatternsCondition().getPatternValues()) {
                    produced.computeIfAbsent(method + " " + pattern, key -> new ArrayList<>()).add(produces);
                }
            }
        });
        // Only where two mappings share a method and path does what they produce tell them apart.
        var mapped = new TreeSet<String>();
        produced.forEach((path, types) -> types.forEach(produces -> mapped.add(types.size() == 1 ? path
                : path + " " + produces)));
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
        for (int i = 0; i < 2; i++) {
            assertThat(api.call(keys.get("nos"), "POST", BASE + "/webhooks", bodies().get("webhook").get())
                    .status()).isEqualTo(201);
            assertThat(api.call(keys.get("nos"), "POST", BASE + "/calendar-feeds", null).status()).isEqualTo(201);
        }
        String feed = api.call(keys.get("rev"), "POST", BASE + "/calendar-feeds", null).json().get("url").asText();
        revFeed = java.net.URI.create(feed).getPath();
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

    /**
     * Paths to things made with a random id, found at the time of the call: nos's oldest webhook and calendar feed
     * (two of each exist, so the owner and then the planner may each delete one), the latest delivery, and rev's
     * feed address, which no row changes.
     */
    private String resolved(String path) {
        if (path.contains("{nos-webhook}")) {
            path = path.replace("{nos-webhook}", firstId("/webhooks?organisation=nos"));
        }
        if (path.contains("{nos-feed}")) {
            path = path.replace("{nos-feed}", firstId("/calendar-feeds?organisation=nos"));
        }
        if (path.contains("{delivery}")) {
            path = path.replace("{delivery}", firstId("/deliveries"));
        }
        return path.replace("{rev-feed}", revFeed);
    }

    private String firstId(String list) {
        var items = api.call(ApiClient.PLANNER, "GET", BASE + list, null).json();
        return items.isEmpty() ? "none" : items.get(0).get("id").asText();
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
            return org.broadcastallocation.common.Json.mapper().writeValueAsString(document)
                    .replace("\"test\"", "\"" + IMPORTED + "\"");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
