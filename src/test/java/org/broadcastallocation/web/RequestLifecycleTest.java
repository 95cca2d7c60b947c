package org.broadcastallocation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;

/** A broadcaster's requests, over HTTP to the database and back. */
@ServiceTest
class RequestLifecycleTest {

    private static final String BOOTH = """
            {"id": "%s", "type": "EDIT_BOOTH", "crewSize": 2,
             "window": {"from": "2025-06-23T09:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}}""";

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    org.springframework.core.env.Environment environment;

    private static int imported;
    private String event;
    private String nosKey;
    private String bbcKey;

    @BeforeEach
    void importEvent() throws Exception {
        event = "life-" + (++imported);
        var document = Fixture.hague().zone("EDIT", 8)
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2)
                .request("seed", "bbc", EDIT_BOOTH).document();
        var body = json.readTree(json.writeValueAsString(document));
        ((ObjectNode) body.get("event")).put("id", event);
        assertThat(planner(HttpMethod.POST, "/api/events", body.toString()).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        nosKey = key("nos");
        bbcKey = key("bbc");
    }

    @Test
    void submitReadAmendCancel() throws Exception {
        var created = broadcaster(nosKey, HttpMethod.POST, requests(), BOOTH.formatted("r-1"), Map.of());
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation()).hasToString(requests() + "/r-1");
        var body = json.readTree(created.getBody());
        assertThat(body.get("organisation").asText()).isEqualTo("nos");
        assertThat(body.get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(body.get("submittedAt").asText()).isEqualTo("2025-05-15T10:00:00+02:00");

        var read = broadcaster(nosKey, HttpMethod.GET, requests() + "/r-1", null, Map.of());
        assertThat(read.getHeaders().getETag()).isEqualTo("\"0\"");

        var amended = broadcaster(nosKey, HttpMethod.PUT, requests() + "/r-1",
                BOOTH.formatted("r-1").replace("\"crewSize\": 2", "\"crewSize\": 1"), Map.of("If-Match", "\"0\""));
        assertThat(amended.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(amended.getBody()).get("crewSize").asInt()).isEqualTo(1);
        assertThat(amended.getHeaders().getETag()).isEqualTo("\"1\"");

        var cancelled = broadcaster(nosKey, HttpMethod.DELETE, requests() + "/r-1", null, Map.of());
        assertThat(json.readTree(cancelled.getBody()).get("status").asText()).isEqualTo("CANCELLED");

        var audit = json.readTree(planner(HttpMethod.GET, "/api/events/" + event + "/audit", null).getBody());
        assertThat(audit.findValuesAsText("action")).contains("IMPORT_EVENT", "SUBMIT", "AMEND", "CANCELLED");
        assertThat(audit.findValuesAsText("actor")).contains("planner", "key:" + event + "/nos");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstAnswer() throws Exception {
        var first = submitWithKey("", "k-42");
        var retry = submitWithKey("", "k-42");

        assertTheOnlyRequestIsTheOneAnswered(retry, first.getBody());
    }

    @Test
    void aRetryOfANamedRequestReturnsTheFirstAnswerAndAnotherKeyIsRefused() throws Exception {
        var first = submitWithKey("r-named", "k-named");
        var retry = submitWithKey("r-named", "k-named");
        var otherKey = submitWithKey("r-named", "k-other");

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(json.readTree(retry.getBody())).isEqualTo(json.readTree(first.getBody()));
        assertThat(otherKey.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void retriesRacingEachOtherMakeOneRequestAndAllGetItsAnswer() throws Exception {
        java.util.concurrent.Callable<ResponseEntity<String>> retry = () -> submitWithKey("", "k-race");
        var answers = concurrently(java.util.Collections.nCopies(16, retry));

        var bodies = new java.util.HashSet<JsonNode>();
        for (var answer : answers) {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            bodies.add(json.readTree(answer.getBody()));
        }
        assertThat(bodies).hasSize(1);
        var mine = json.readTree(broadcaster(nosKey, HttpMethod.GET, requests(), null, Map.of()).getBody());
        assertThat(mine).hasSize(1);
    }

    @Test
    void retriesOfAnEarlierSubmissionAmongFreshOnesAreAnsweredAsRetriesAndTheFreshOnesAsNew() throws Exception {
        var earlier = json.readTree(submitWithKey("", "k-earlier").getBody());
        var calls = new java.util.ArrayList<java.util.concurrent.Callable<ResponseEntity<String>>>();
        for (int i = 0; i < 30; i++) {
            String key = "k-fresh-" + i;
            calls.add(() -> submitWithKey("", "k-earlier"));
            calls.add(() -> submitWithKey("", key));
        }

        var answers = concurrently(calls);

        var freshIds = new java.util.HashSet<String>();
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).getStatusCode()).isEqualTo(HttpStatus.CREATED);
            var body = json.readTree(answers.get(i).getBody());
            if (i % 2 == 0) {
                assertThat(body).isEqualTo(earlier);
            } else {
                freshIds.add(body.get("id").asText());
            }
        }
        assertThat(freshIds).hasSize(30).doesNotContain(earlier.get("id").asText());
        var mine = json.readTree(broadcaster(nosKey, HttpMethod.GET, requests(), null, Map.of()).getBody());
        assertThat(mine).hasSize(31);
    }

    @Test
    void moreSubmissionsThanRequestThreadsWaitForOneCommitTogether() throws Exception {
        int requestThreads = environment.getProperty("server.tomcat.threads.max", Integer.class, 200);
        int submissions = 4 * requestThreads;
        var batches = meters.get("broadcast.submissions.batch").summary();
        var waiting = meters.get("broadcast.submissions.waiting").gauge();
        double takenBefore = batches.totalAmount();
        long batchesBefore = batches.count();
        java.util.concurrent.Future<java.util.List<ResponseEntity<String>>> answers;
        var caller = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (var holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            // The writer's insert waits for this lock, as it would for a slow disk.
            holder.createStatement().execute("lock table request in share mode");
            var calls = new java.util.ArrayList<java.util.concurrent.Callable<ResponseEntity<String>>>();
            for (int i = 0; i < submissions; i++) {
                String key = "k-together-" + i;
                calls.add(() -> submitWithKey("", key));
            }
            answers = caller.submit(() -> concurrently(calls, submissions));

            // All are checked and wait for the writer (its first batch, blocked, and the queue), though far fewer
            // request threads exist: a waiting submission holds none.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (batches.totalAmount() - takenBefore + waiting.value() < submissions
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(batches.totalAmount() - takenBefore + waiting.value()).isEqualTo(submissions);
            holder.rollback();
        } finally {
            caller.shutdown();
        }

        for (var answer : answers.get(30, java.util.concurrent.TimeUnit.SECONDS)) {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        }
        // Written in two commits: the one that waited for the lock and one for all that queued behind it.
        assertThat(batches.count() - batchesBefore).isEqualTo(2);
        assertThat(batches.max()).isGreaterThan(requestThreads);
        var mine = json.readTree(broadcaster(nosKey, HttpMethod.GET, requests(), null, Map.of()).getBody());
        assertThat(mine).hasSize(submissions);
    }

    @Test
    void aSubmissionWhoseCallerGaveUpWaitingIsStillWrittenAndItsRetryGetsTheAnswer() throws Exception {
        var impatient = HttpClient.newHttpClient();
        var submission = HttpRequest.newBuilder(URI.create(http.getRootUri() + requests()))
                .timeout(Duration.ofMillis(500))
                .header("Authorization", "Bearer " + nosKey).header("Content-Type", "application/json")
                .header("Idempotency-Key", "k-gave-up")
                .POST(HttpRequest.BodyPublishers.ofString(BOOTH.formatted("gave-up"))).build();
        try (var holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("lock table request in share mode");
            assertThatThrownBy(() -> impatient.send(submission, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
            holder.rollback();
        }
        // Written once the lock is gone, though no one is left to hear it.
        ResponseEntity<String> stored;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        do {
            Thread.sleep(50);
            stored = broadcaster(nosKey, HttpMethod.GET, requests() + "/gave-up", null, Map.of());
        } while (stored.getStatusCode() != HttpStatus.OK && System.nanoTime() < deadline);
        assertThat(stored.getStatusCode()).isEqualTo(HttpStatus.OK);

        var retry = submitWithKey("gave-up", "k-gave-up");

        assertTheOnlyRequestIsTheOneAnswered(retry, stored.getBody());
    }

    /** The retry was answered 201 with {@code firstAnswer}, and the broadcaster has that one request, no other. */
    private void assertTheOnlyRequestIsTheOneAnswered(ResponseEntity<String> retry, String firstAnswer)
            throws Exception {
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(json.readTree(retry.getBody())).isEqualTo(json.readTree(firstAnswer));
        var mine = json.readTree(broadcaster(nosKey, HttpMethod.GET, requests(), null, Map.of()).getBody());
        assertThat(mine).hasSize(1);
    }

    @Test
    void theAnswerToASubmissionIsAFullHttpAnswerAndIsCounted() throws Exception {
        var requestsMetric = meters.find("http.server.requests").tag("method", "POST").tag("status", "201")
                .tag("uri", "/api/events/{event}/requests");
        long countedBefore = requestsMetric.timer() == null ? 0 : requestsMetric.timer().count();
        var written = meters.get("broadcast.submissions.written").timer();
        long writtenBefore = written.count();
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var submission = HttpRequest.newBuilder(URI.create(http.getRootUri() + requests()))
                .header("Authorization", "Bearer " + nosKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BOOTH.formatted("full"))).build();

        var created = client.send(submission, HttpResponse.BodyHandlers.ofByteArray());
        var read = client.send(HttpRequest.newBuilder(URI.create(http.getRootUri() + requests() + "/full"))
                .header("Authorization", "Bearer " + nosKey).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(created.statusCode()).isEqualTo(201);
        var headers = created.headers();
        assertThat(headers.firstValue("Location")).contains(requests() + "/full");
        assertThat(headers.firstValue("Content-Type")).contains("application/json");
        assertThat(headers.firstValueAsLong("Content-Length")).hasValue(created.body().length);
        assertThat(json.readTree(created.body())).isEqualTo(json.readTree(read.body()));
        // The same protective headers as any other answer.
        for (String header : java.util.List.of("X-Content-Type-Options", "X-Frame-Options", "Cache-Control",
                "Pragma", "Expires", "X-XSS-Protection")) {
            assertThat(headers.allValues(header)).as(header).isNotEmpty()
                    .isEqualTo(read.headers().allValues(header));
        }
        // In the service's request metrics, as the call it was, once it was answered.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while ((requestsMetric.timer() == null || requestsMetric.timer().count() == countedBefore)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(requestsMetric.timer()).isNotNull();
        assertThat(requestsMetric.timer().count()).isEqualTo(countedBefore + 1);
        // Its wait for the writer, from hand-over to commit, is timed once.
        assertThat(written.count()).isEqualTo(writtenBefore + 1);
        // With the percentiles the test profile asks for, as an operator might.
        assertThat(meters.find("http.server.requests.percentile").tag("method", "POST").tag("phi", "0.99")
                .tag("uri", "/api/events/{event}/requests").gauge()).isNotNull();
    }

    /** The calls at once, from 16 threads; their answers in the calls' order. */
    private static <T> java.util.List<T> concurrently(java.util.List<java.util.concurrent.Callable<T>> calls)
            throws Exception {
        return concurrently(calls, 16);
    }

    private static <T> java.util.List<T> concurrently(java.util.List<java.util.concurrent.Callable<T>> calls,
            int threads) throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            var answers = new java.util.ArrayList<T>();
            for (var future : pool.invokeAll(calls)) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theAnswerToASubmissionIsWhatIsReadBackAndWhatIsAudited() throws Exception {
        var van = """
                {"id": "r-van", "type": "PARKING_SNG", "vehicle": {"kind": "SNG", "lengthMetres": 9},
                 "needsFibre": true, "requiredFeatures": ["CEE_POWER"],
                 "window": {"from": "2025-06-22T12:00:00Z", "to": "2025-06-26T00:00:00Z"}}""";

        var created = broadcaster(nosKey, HttpMethod.POST, requests(), van, Map.of());
        var read = broadcaster(nosKey, HttpMethod.GET, requests() + "/r-van", null, Map.of());
        var audit = json.readTree(planner(HttpMethod.GET, "/api/events/" + event + "/audit", null).getBody());

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        var answer = json.readTree(created.getBody());
        assertThat(answer).isEqualTo(json.readTree(read.getBody()));
        assertThat(answer.get("priority").asInt()).isEqualTo(2);
        assertThat(answer.get("window").get("from").asText()).isEqualTo("2025-06-22T14:00:00+02:00");
        JsonNode submitted = null;
        for (var entry : audit.findParents("action")) {
            if (entry.get("action").asText().equals("SUBMIT") && "r-van".equals(entry.path("entityId").asText())) {
                submitted = entry;
            }
        }
        assertThat(submitted).isNotNull();
        assertThat(submitted.get("actor").asText()).isEqualTo("key:" + event + "/nos");
        assertThat(json.readTree(submitted.get("after").isTextual() ? submitted.get("after").asText()
                : submitted.get("after").toString())).isEqualTo(answer);
    }

    @Test
    void aChangeOfTheOrganisationIsSeenByTheVeryNextSubmission() throws Exception {
        var studio = """
                {"type": "TV_STUDIO", "durationMinutes": 60,
                 "window": {"from": "2025-06-24T09:00:00+02:00", "to": "2025-06-24T12:00:00+02:00"}}""";
        var organisation = "/api/events/" + event + "/organisations/nos";
        assertThat(broadcaster(nosKey, HttpMethod.POST, requests(), BOOTH.formatted(""), Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        planner(HttpMethod.PUT, organisation, "{\"name\": \"NOS\", \"kind\": \"NATIONAL_DELEGATION\"}");
        var asDelegation = broadcaster(nosKey, HttpMethod.POST, requests(), studio, Map.of());
        planner(HttpMethod.PUT, organisation, "{\"name\": \"NOS\", \"kind\": \"BROADCASTER\"}");
        var asBroadcaster = broadcaster(nosKey, HttpMethod.POST, requests(), studio, Map.of());

        assertThat(asDelegation.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(asBroadcaster.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(json.readTree(asBroadcaster.getBody()).get("errors").findValuesAsText("field")).contains("type");
    }

    @Test
    void openingAndClosingLateIntakeIsSeenByTheVeryNextSubmission() throws Exception {
        var document = json.readTree(json.writeValueAsString(Fixture.hague().zone("EDIT", 8)
                .organisation("nos", BROADCASTER).resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2).document()));
        String late = event + "-late";
        ((ObjectNode) document.get("event")).put("id", late).put("requestDeadline", "2025-05-01T12:00:00+02:00");
        planner(HttpMethod.POST, "/api/events", document.toString());
        var minted = planner(HttpMethod.POST, "/api/events/" + late + "/organisations/nos/keys", null);
        String key = json.readTree(minted.getBody()).get("key").asText();
        String path = "/api/events/" + late + "/requests";

        var closed = broadcaster(key, HttpMethod.POST, path, BOOTH.formatted(""), Map.of());
        planner(HttpMethod.PUT, "/api/events/" + late + "/late-intake", "{\"open\": true}");
        var opened = broadcaster(key, HttpMethod.POST, path, BOOTH.formatted(""), Map.of());
        planner(HttpMethod.PUT, "/api/events/" + late + "/late-intake", "{\"open\": false}");
        var closedAgain = broadcaster(key, HttpMethod.POST, path, BOOTH.formatted(""), Map.of());

        assertThat(closed.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(closedAgain.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    }

    @Test
    void aStaleAmendIsRefused() {
        broadcaster(nosKey, HttpMethod.POST, requests(), BOOTH.formatted("r-2"), Map.of());
        broadcaster(nosKey, HttpMethod.PUT, requests() + "/r-2", BOOTH.formatted("r-2"), Map.of("If-Match", "\"0\""));

        var staleHeader = broadcaster(nosKey, HttpMethod.PUT, requests() + "/r-2", BOOTH.formatted("r-2"),
                Map.of("If-Match", "\"0\""));
        var staleBody = broadcaster(nosKey, HttpMethod.PUT, requests() + "/r-2",
                BOOTH.formatted("r-2").replace("{", "{\"version\": 0,"), Map.of());
        var noVersion = broadcaster(nosKey, HttpMethod.PUT, requests() + "/r-2", BOOTH.formatted("r-2"), Map.of());

        assertThat(staleHeader.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(staleBody.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(noVersion.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
        assertThat(staleHeader.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anotherOrganisationsRequestIsNotFound() {
        broadcaster(nosKey, HttpMethod.POST, requests(), BOOTH.formatted("r-3"), Map.of());

        assertThat(broadcaster(bbcKey, HttpMethod.GET, requests() + "/r-3", null, Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(broadcaster(bbcKey, HttpMethod.DELETE, requests() + "/r-3", null, Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aBroadcasterCannotCallAPlannerEndpoint() {
        assertThat(broadcaster(nosKey, HttpMethod.GET, "/api/events/" + event + "/problem", null, Map.of())
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(broadcaster(nosKey, HttpMethod.POST, "/api/events/" + event + "/organisations/nos/keys", null,
                Map.of()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(broadcaster("ba_not-a-key", HttpMethod.GET, requests(), null, Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aRequestBreakingTheEventsRulesIsRefusedWithEachReason() throws Exception {
        var bad = """
                {"type": "TV_STUDIO", "durationMinutes": 50,
                 "window": {"from": "2025-06-20T09:00:00+02:00", "to": "2025-06-24T10:00:00+02:00"}}""";

        var refused = broadcaster(nosKey, HttpMethod.POST, requests(), bad, Map.of());

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        JsonNode problem = json.readTree(refused.getBody());
        assertThat(problem.get("errors").findValuesAsText("field"))
                .contains("window", "durationMinutes", "type");
    }

    @Test
    void malformedJsonIsABadRequestNotAServerError() throws Exception {
        var broken = broadcaster(nosKey, HttpMethod.POST, requests(), "{\"type\": \"EDIT_BOOTH\", \"window\": ",
                Map.of());
        var wrongType = broadcaster(nosKey, HttpMethod.POST, requests(),
                BOOTH.formatted("r-9").replace("\"crewSize\": 2", "\"crewSize\": \"two\""), Map.of());
        var noOffset = broadcaster(nosKey, HttpMethod.POST, requests(),
                BOOTH.formatted("r-9").replace("+02:00", ""), Map.of());

        assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(wrongType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(wrongType.getBody()).get("detail").asText()).contains("crewSize");
        assertThat(noOffset.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(broken.getBody()).doesNotContain("at org.", "Exception");
    }

    /** A booth request of NOS under an Idempotency-Key. */
    private ResponseEntity<String> submitWithKey(String id, String idempotencyKey) {
        return broadcaster(nosKey, HttpMethod.POST, requests(), BOOTH.formatted(id),
                Map.of("Idempotency-Key", idempotencyKey));
    }

    private String requests() {
        return "/api/events/" + event + "/requests";
    }

    private String key(String organisation) throws Exception {
        var minted = planner(HttpMethod.POST, "/api/events/" + event + "/organisations/" + organisation + "/keys",
                null);
        assertThat(minted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return json.readTree(minted.getBody()).get("key").asText();
    }

    private ResponseEntity<String> planner(HttpMethod method, String path, String body) {
        var headers = new HttpHeaders();
        headers.setBasicAuth("planner", "planner-demo");
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> broadcaster(String key, HttpMethod method, String path, String body,
            Map<String, String> extra) {
        var headers = new HttpHeaders();
        headers.setBearerAuth(key);
        headers.setContentType(MediaType.APPLICATION_JSON);
        extra.forEach(headers::set);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
