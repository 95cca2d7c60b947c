package org.broadcastallocation.load;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * kill -9 in the middle of a burst of submissions, each retried with its own Idempotency-Key until acknowledged.
 * After the restart and the last retry, every acknowledged request must be in the database exactly once, and
 * nothing else. Prints the counts; exits 1 when the promise is broken.
 *
 * <p>{@code ./mvnw -q test-compile exec:java -Pload -Dload.main=org.broadcastallocation.load.KillDuringBurst};
 * {@code burst.submissions} (10000), {@code burst.killAfter} (acknowledgements before the kill, 3000),
 * {@code burst.threads} (32), {@code load.port} (18081).
 */
public final class KillDuringBurst {

    private static final String EVENT = "hague-2025";
    private static final int SUBMISSIONS = Integer.getInteger("burst.submissions", 10_000);
    private static final int KILL_AFTER = Integer.getInteger("burst.killAfter", 3_000);
    private static final int THREADS = Integer.getInteger("burst.threads", 32);
    private static final int PORT = Integer.getInteger("load.port", 18081);
    private static final Duration GIVE_UP = Duration.ofMinutes(10);

    public static void main(String[] args) throws Exception {
        boolean kept;
        try (var service = new ServiceProcess("ba_load_burst_", PORT, "512m", Map.of())) {
            service.start();
            kept = run(service);
        }
        System.exit(kept ? 0 : 1);
    }

    private static boolean run(ServiceProcess service) throws Exception {
        var api = new Api(service.base(), Duration.ofSeconds(10));
        var sample = Files.readString(Path.of("data-samples/hague-2025.json"));
        api.expect(201, api.post("/api/events", Api.PLANNER, sample));
        api.expect(200, api.put("/api/events/" + EVENT + "/late-intake", Api.PLANNER, "{\"open\": true}"));
        var keys = new HashMap<String, String>();
        var shapes = new ArrayList<Map.Entry<String, String>>();
        var sampleIds = new HashSet<String>();
        for (JsonNode request : Api.JSON.readTree(sample).get("requests")) {
            String organisation = request.get("organisation").asText();
            String key = keys.computeIfAbsent(organisation, id -> mint(api, id));
            var body = (ObjectNode) request.deepCopy();
            sampleIds.add(body.remove("id").asText());
            body.remove(List.of("organisation", "submittedAt"));
            shapes.add(Map.entry(key, Api.JSON.writeValueAsString(body)));
        }

        // Submission i: always the same body and Idempotency-Key; the server chooses the request's id.
        var acknowledged = new ConcurrentHashMap<Integer, String>();
        var attempts = new AtomicLong();
        var failedAttempts = new ConcurrentHashMap<String, AtomicInteger>();
        var next = new AtomicInteger();
        var done = new CountDownLatch(THREADS);
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        var workers = Executors.newFixedThreadPool(THREADS);
        long started = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            workers.submit(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < SUBMISSIONS; i = next.getAndIncrement()) {
                        var shape = shapes.get(i % shapes.size());
                        var request = api.request("/api/events/" + EVENT + "/requests", Api.bearer(shape.getKey()))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", "burst-" + i)
                                .POST(HttpRequest.BodyPublishers.ofString(shape.getValue())).build();
                        long pause = 50;
                        while (System.nanoTime() < deadline) {
                            attempts.incrementAndGet();
                            String failure;
                            try {
                                var response = api.send(request);
                                if (response.statusCode() == 201) {
                                    acknowledged.put(i, Api.JSON.readTree(response.body()).get("id").asText());
                                    break;
                                }
                                failure = "HTTP " + response.statusCode();
                            } catch (IOException e) {
                                failure = e.getClass().getSimpleName();
                            }
                            failedAttempts.computeIfAbsent(failure, f -> new AtomicInteger()).incrementAndGet();
                            Thread.sleep(pause);
                            pause = Math.min(1000, pause * 2);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
                return null;
            });
        }

        while (acknowledged.size() < KILL_AFTER && done.getCount() > 0) {
            Thread.sleep(5);
        }
        var acknowledgedBeforeKill = new HashSet<>(acknowledged.values());
        int beforeKill = acknowledgedBeforeKill.size();
        service.kill();
        long killedAt = System.nanoTime();
        long killedAtEpochMillis = System.currentTimeMillis();
        System.out.printf("kill -9 after %d acknowledged submissions (%.1f s into the burst)%n", beforeKill,
                (killedAt - started) / 1e9);
        service.start();
        System.out.printf("restarted and healthy after %.1f s; the retries go on%n",
                (System.nanoTime() - killedAt) / 1e9);
        done.await(GIVE_UP.toSeconds(), TimeUnit.SECONDS);
        workers.shutdownNow();

        var acknowledgedIds = new HashSet<>(acknowledged.values());
        var stored = service.strings("select id from request where event_id = '" + EVENT + "'");
        stored.removeIf(sampleIds::contains);
        var storedIds = new HashSet<>(stored);
        var missing = new HashSet<>(acknowledgedIds);
        missing.removeAll(storedIds);
        var extra = new HashSet<>(storedIds);
        extra.removeAll(acknowledgedIds);
        long keysStored = service.count("select count(*) from idempotency_key where event_id = '" + EVENT + "'");
        // Stored before the kill but acknowledged only after it: the answer was lost with the process, and the
        // retry got the first answer back instead of a second request.
        var storedBeforeKill = new HashSet<>(service.strings("select id from request where event_id = '" + EVENT
                + "' and submitted_at < to_timestamp(" + killedAtEpochMillis / 1000.0 + ")"));
        storedBeforeKill.removeIf(sampleIds::contains);
        storedBeforeKill.removeAll(acknowledgedBeforeKill);

        System.out.printf("submissions: %d; acknowledged: %d (distinct request ids %d); attempts: %d%n",
                SUBMISSIONS, acknowledged.size(), acknowledgedIds.size(), attempts.get());
        System.out.printf("failed attempts, retried: %s%n", failedAttempts);
        System.out.printf("stored before the kill, acknowledged only by a retry after it: %d%n",
                storedBeforeKill.size());
        System.out.printf("in the database: %d submitted requests (%d distinct), %d idempotency keys;"
                + " acknowledged but missing: %d; stored but never acknowledged: %d%n", stored.size(),
                storedIds.size(), keysStored, missing.size(), extra.size());
        boolean kept = acknowledged.size() == SUBMISSIONS && acknowledgedIds.size() == SUBMISSIONS
                && stored.size() == SUBMISSIONS && missing.isEmpty() && extra.isEmpty() && keysStored == SUBMISSIONS;
        System.out.println(kept ? "PASSED: every acknowledged request is stored exactly once, nothing else"
                : "FAILED: the idempotency promise is broken");
        return kept;
    }

    private static String mint(Api api, String organisation) {
        try {
            return api.expect(201, api.post("/api/events/" + EVENT + "/organisations/" + organisation + "/keys",
                    Api.PLANNER, "")).get("key").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
