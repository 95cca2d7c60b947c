package org.broadcastallocation.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.broadcastallocation.samples.InstanceGenerator;

/**
 * The packaged service on a fresh PostgreSQL database, driven from this process: many broadcasters submitting,
 * amending and reading requests at once, and planners reading reports while a round of 3,000 requests solves.
 * Prints, per phase and endpoint, throughput and latency percentiles; exits 1 if any call failed.
 *
 * <p>{@code ./mvnw -q package -DskipTests && ./mvnw -q test-compile exec:java -Pload}; system properties
 * {@code load.threads} (broadcaster threads, 32), {@code load.seconds} (per measured phase, 20),
 * {@code load.warmUpSeconds} (40, the least), {@code load.warmUpMaxSeconds} (300), {@code load.floorSeconds}
 * (10, each of the two floor phases),
 * {@code load.pacedRate} (submissions per second of the paced phase, 3000), {@code load.serviceEnv} (settings),
 * {@code load.solveSeconds} (the round's time limit, 30), {@code load.port} (18080), {@code load.heap} (1g).
 */
public final class LoadBenchmark {

    private static final String SUBMISSION_EVENT = "hague-2025";
    /**
     * The mixed phase's broadcasters submit to a copy of the sample of their own, so that each has the handful of
     * requests a broadcaster has (listing them is part of the cycle), not the thousands the phases before left.
     */
    private static final String MIXED_EVENT = "hague-2025-mixed";
    private static final int THREADS = Integer.getInteger("load.threads", 32);
    private static final int SECONDS = Integer.getInteger("load.seconds", 20);
    /**
     * The warm-up lasts until the JIT has compiled the hot paths (a cold JVM spends most of its CPU compiling, and
     * a slow machine takes minutes to get there), at least {@code load.warmUpSeconds} and at most
     * {@code load.warmUpMaxSeconds}: what is measured is the service as it runs for days, not as it starts.
     */
    private static final int WARM_UP_SECONDS = Integer.getInteger("load.warmUpSeconds", 40);
    private static final int WARM_UP_MAX_SECONDS = Integer.getInteger("load.warmUpMaxSeconds", 300);
    /** Settled: the JIT spent less than this share of the last warm-up stretch compiling. */
    private static final double JIT_SETTLED = 0.03;
    private static final int PACED_RATE = Integer.getInteger("load.pacedRate", 3000);
    private static final int FLOOR_SECONDS = Integer.getInteger("load.floorSeconds", 10);
    private static final int SOLVE_SECONDS = Integer.getInteger("load.solveSeconds", 30);
    private static final int PORT = Integer.getInteger("load.port", 18080);
    private static final String HEAP = System.getProperty("load.heap", "1g");

    private final Api api;
    private final ServiceProcess service;
    private final Hiccups hiccups = new Hiccups();
    /** Each broadcaster thread's own kept-alive connection, as a broadcaster's client would hold one. */
    private final ThreadLocal<Http11> connection;
    /** Per event, per organisation, its API key. */
    private final Map<String, Map<String, String>> keys = new java.util.HashMap<>();
    private final List<String> keyList = new ArrayList<>();
    /** The event the broadcasters of the current phase submit to. */
    private volatile String event = SUBMISSION_EVENT;
    /** The sample's requests without id, each with its own organisation (whose rules it fits). */
    private final List<Map.Entry<String, ObjectNode>> templates = new ArrayList<>();

    private LoadBenchmark(ServiceProcess service) {
        this.service = service;
        this.api = new Api(service.base(), Duration.ofSeconds(30));
        this.connection = ThreadLocal.withInitial(() -> new Http11(service.base(), 30_000));
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("Load benchmark: service -Xmx%s on port %d, %d broadcaster threads, %d s per phase,"
                + " %d cores here (driver, service and PostgreSQL share them)%n", HEAP, PORT, THREADS, SECONDS,
                Runtime.getRuntime().availableProcessors());
        long errors;
        try (var service = new ServiceProcess("ba_load_", PORT, HEAP, serviceSettings())) {
            service.start();
            var benchmark = new LoadBenchmark(service);
            errors = benchmark.run();
            System.out.printf("%nDatabase %s: %d requests, %d audit entries at the end%n", service.database(),
                    service.count("select count(*) from request"), service.count("select count(*) from audit_log"));
        }
        System.out.println(errors == 0 ? "No error." : errors + " errors.");
        System.exit(errors == 0 ? 0 : 1);
    }

    /** {@code -Dload.serviceEnv=SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE=16,...}: settings to try on the service. */
    private static Map<String, String> serviceSettings() {
        var settings = new java.util.LinkedHashMap<String, String>();
        for (String setting : System.getProperty("load.serviceEnv", "").split(",")) {
            if (setting.contains("=")) {
                settings.put(setting.substring(0, setting.indexOf('=')).trim(),
                        setting.substring(setting.indexOf('=') + 1).trim());
            }
        }
        if (!settings.isEmpty()) {
            System.out.println("Service settings: " + settings);
        }
        // The service's own percentiles of its calls, over about the last 15 s: what of a call's time was spent in
        // the service (from its first filter to its answer written) and what outside it (driver, kernel, waiting
        // for a core).
        settings.putIfAbsent("MANAGEMENT_METRICS_DISTRIBUTION_PERCENTILES_HTTP_SERVER_REQUESTS", "0.5,0.95,0.99");
        settings.putIfAbsent("MANAGEMENT_METRICS_DISTRIBUTION_EXPIRY_HTTP_SERVER_REQUESTS", "15s");
        settings.putIfAbsent("MANAGEMENT_METRICS_DISTRIBUTION_PERCENTILES_BROADCAST_SUBMISSIONS_WRITTEN",
                "0.5,0.95,0.99");
        settings.putIfAbsent("MANAGEMENT_METRICS_DISTRIBUTION_EXPIRY_BROADCAST_SUBMISSIONS_WRITTEN", "15s");
        return settings;
    }

    private long run() throws Exception {
        String reportEvent = setUp();
        long errors = 0;

        warmUp();

        // What the HTTP stack costs before any work of ours: the floor under every figure below.
        var floor = new Latencies("floor: " + THREADS + " threads call endpoints that do no work of ours");
        drive(floor, THREADS, FLOOR_SECONDS, (latencies, thread, iteration) ->
                fetch(latencies, "GET liveness (no key, no DB)", "/actuator/health/liveness", Map.of()));
        var floorWithKey = new Latencies("floor with a key: " + THREADS + " broadcasters ask who they are");
        drive(floorWithKey, THREADS, FLOOR_SECONDS, (latencies, thread, iteration) ->
                fetch(latencies, "GET /api/me (API key)", "/api/me",
                        Map.of("Authorization", Api.bearer(keyInTurn(thread, iteration)))));
        floor.print(System.out);
        floorWithKey.print(System.out);
        errors += floor.errors() + floorWithKey.errors();

        var submissions = new Latencies("submissions only: " + THREADS + " broadcasters POST new requests");
        drive(submissions, THREADS, SECONDS, this::submitOnly);
        submissions.print(System.out);
        printServiceViewOfSubmissions();
        errors += submissions.errors();

        // Submissions arriving at a steady rate, each timed from when it was due (not from when a busy thread got
        // round to it), so queueing behind a slow call counts against the service, as a broadcaster would feel it.
        var paced = new Latencies("paced: submissions due at " + PACED_RATE + "/s from " + THREADS
                + " broadcasters, each timed from when it was due");
        drivePaced(paced, PACED_RATE, SECONDS);
        paced.print(System.out);
        printServiceViewOfSubmissions();
        errors += paced.errors();

        var mixed = new Latencies("mixed while a 3,000-request round solves: " + THREADS
                + " broadcasters submit/read/amend/list, 2 planners read report, timeline, round");
        event = MIXED_EVENT;
        int round = createRound(reportEvent);
        api.expect(202, api.post("/api/events/" + reportEvent + "/rounds/" + round + "/solve?seconds="
                + SOLVE_SECONDS, Api.PLANNER, ""));
        var solving = new AtomicBoolean(true);
        var planners = Executors.newFixedThreadPool(2);
        var plannerWork = new ArrayList<Future<?>>();
        for (int i = 0; i < 2; i++) {
            plannerWork.add(planners.submit(() -> plannerCycle(mixed, reportEvent, round, solving)));
        }
        drive(mixed, THREADS, SECONDS, this::broadcasterCycle);
        solving.set(false);
        for (var work : plannerWork) {
            work.get();
        }
        planners.shutdown();
        mixed.print(System.out);
        errors += mixed.errors();

        awaitEnd(reportEvent, round);
        String roundPath = "/api/events/" + reportEvent + "/rounds/" + round;
        var report = sequentially("report of the 3,000-request round, one planner at a time", "GET report (JSON)",
                roundPath + "/report");
        var timeline = sequentially("timeline of the 3,000-request round, one planner at a time", "GET timeline",
                roundPath + "/timeline");
        errors += report.errors() + timeline.errors();
        var reportLatency = report.get("GET report (JSON)").micros;
        var submitted = submissions.get("POST request").micros;
        var pacedLatency = paced.get("POST request").micros;
        var floorLatency = floorWithKey.get("GET /api/me (API key)").micros;
        System.out.printf("%nHeadline: %.0f submissions/s, p99 %.2f ms (target 3,000/s, p99 < 25 ms); paced at %d/s:"
                + " %.0f/s, p99 %.2f ms; a keyed call doing no work: %.0f/s; report of a 3,000-request round p50"
                + " %.1f ms, max %.1f ms (target < 300 ms); %d errors%n",
                submitted.getTotalCount() / submissions.seconds(), submitted.getValueAtPercentile(99) / 1000.0,
                PACED_RATE, pacedLatency.getTotalCount() / paced.seconds(),
                pacedLatency.getValueAtPercentile(99) / 1000.0, floorLatency.getTotalCount() / floorWithKey.seconds(),
                reportLatency.getValueAtPercentile(50) / 1000.0, reportLatency.getMaxValue() / 1000.0, errors);
        // The machine's speed moves between hours; the ratio to the floor, measured in the same run, does not (much):
        // it tells a slower build from a slower machine.
        double ratio = (submitted.getTotalCount() / submissions.seconds())
                / (floorLatency.getTotalCount() / floorWithKey.seconds());
        System.out.printf("Submissions per keyed call doing no work, same run: %.3f; at that ratio 3,000"
                + " submissions/s need a machine that serves %.0f such calls/s%n", ratio, 3000 / ratio);
        return errors;
    }

    /** The Hague sample takes the submissions; a generated 3,000-request event is the one that is solved. */
    private String setUp() throws Exception {
        var sample = Api.JSON.readTree(Files.readString(Path.of("data-samples/hague-2025.json")));
        for (String copy : List.of(SUBMISSION_EVENT, MIXED_EVENT)) {
            ((ObjectNode) sample.get("event")).put("id", copy);
            api.expect(201, api.post("/api/events", Api.PLANNER, Api.JSON.writeValueAsString(sample)));
            api.expect(200, api.put("/api/events/" + copy + "/late-intake", Api.PLANNER, "{\"open\": true}"));
            var keysOfCopy = new java.util.HashMap<String, String>();
            for (var organisation : api.expect(200, api.get("/api/events/" + copy + "/organisations",
                    Api.PLANNER))) {
                String id = organisation.get("id").asText();
                keysOfCopy.put(id, api.expect(201, api.post("/api/events/" + copy + "/organisations/" + id
                        + "/keys", Api.PLANNER, "")).get("key").asText());
            }
            keys.put(copy, keysOfCopy);
        }
        for (JsonNode request : sample.get("requests")) {
            var template = (ObjectNode) request.deepCopy();
            template.remove(List.of("id", "organisation", "submittedAt"));
            templates.add(Map.entry(request.get("organisation").asText(), template));
        }
        keyList.addAll(keys.get(SUBMISSION_EVENT).values());
        var generated = InstanceGenerator.generate(3000, 10, 10);
        api.expect(201, api.post("/api/events", Api.PLANNER, Api.JSON.writeValueAsString(generated)));
        System.out.printf("Set up: %s (%d organisations with keys, %d request shapes), %s (%d requests)%n",
                SUBMISSION_EVENT, keyList.size(), templates.size(), generated.event().id(),
                generated.requests().size());
        return generated.event().id();
    }

    private interface Cycle {
        void run(Latencies latencies, int thread, long iteration) throws Exception;
    }

    /**
     * Broadcaster sessions and the floor calls, 10 s at a time, until the JIT has settled: the service's own
     * jvm.compilation.time grew by less than {@link #JIT_SETTLED} of the stretch.
     */
    private void warmUp() throws Exception {
        long begin = System.nanoTime();
        double atStart = compilationMillis();
        double compiled = atStart;
        double lastShare = 1;
        int seconds = 0;
        while (seconds < WARM_UP_MAX_SECONDS && (seconds < WARM_UP_SECONDS || lastShare >= JIT_SETTLED)) {
            long stretchBegin = System.nanoTime();
            drive(new Latencies("warm-up (not counted)"), THREADS, 10, (latencies, thread, iteration) -> {
                broadcasterCycle(latencies, thread, iteration);
                fetch(latencies, "GET liveness (no key, no DB)", "/actuator/health/liveness", Map.of());
                fetch(latencies, "GET /api/me (API key)", "/api/me",
                        Map.of("Authorization", Api.bearer(keyInTurn(thread, iteration))));
            });
            double now = compilationMillis();
            lastShare = (now - compiled) / TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stretchBegin);
            compiled = now;
            seconds += 10;
        }
        System.out.printf("Warm-up: %d s, until the service's JIT settled: it compiled for %.0f s in all (two"
                + " compiler threads), %.1f %% of the last 10 s%s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin), (compiled - atStart) / 1000, 100 * lastShare,
                lastShare < JIT_SETTLED ? "" : " (not settled: figures below include compiling)");
    }

    /** Where a submission's time went, as the service saw it: what the driver's figures add is outside it. */
    private void printServiceViewOfSubmissions() throws Exception {
        System.out.println("The service's own view of these calls (about the last 15 s), first filter to answer"
                + " written: " + servicePercentiles("http.server.requests", "&tag=method:POST&tag=uri:"
                        + java.net.URLEncoder.encode("/api/events/{event}/requests",
                                java.nio.charset.StandardCharsets.UTF_8)));
        System.out.println("  of which handed to the writer until committed: "
                + servicePercentiles("broadcast.submissions.written", ""));
    }

    /**
     * The service's own percentiles of a timer's recent records. Not its maximum: Micrometer keeps that over three
     * times the expiry (about 45 s here), so it would mix in the phases before. The service was started asking for
     * them.
     */
    private String servicePercentiles(String timer, String tags) throws Exception {
        var percentiles = new ArrayList<String>();
        for (var percentile : List.of(Map.entry("p50", "0.5"), Map.entry("p95", "0.95"), Map.entry("p99", "0.99"))) {
            var metric = api.expect(200, api.get("/actuator/metrics/" + timer + ".percentile?tag=phi:"
                    + percentile.getValue() + tags, Api.PLANNER));
            percentiles.add(String.format("%s %.2f ms", percentile.getKey(),
                    1000 * metric.get("measurements").get(0).get("value").asDouble()));
        }
        return String.join(", ", percentiles);
    }

    /** The service's jvm.compilation.time: how long its JIT compilers have worked so far, in milliseconds. */
    private double compilationMillis() throws Exception {
        return api.expect(200, api.get("/actuator/metrics/jvm.compilation.time", Api.PLANNER))
                .get("measurements").get(0).get("value").asDouble();
    }

    /** {@code threads} workers repeat {@code cycle} for {@code seconds}; the phase's clock covers just that. */
    private void drive(Latencies latencies, int threads, int seconds, Cycle cycle) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        inParallel(latencies, threads, (thread, iteration) -> {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            cycle.run(latencies, thread, iteration);
            return true;
        });
    }

    /**
     * Thread t sends calls t, t + threads, t + 2 threads, ... of a schedule {@code 1/rate} apart. Each broadcaster
     * connects before the schedule begins, as one holding a kept-alive connection would have: otherwise the
     * schedule's first calls would time 32 connections opening at once.
     */
    private void drivePaced(Latencies latencies, int rate, int seconds) throws Exception {
        long begin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long calls = (long) rate * seconds;
        inParallel(latencies, THREADS, (thread, iteration) -> {
            long call = thread + iteration * THREADS;
            if (call >= calls) {
                return false;
            }
            if (iteration == 0) {
                connection.get().connect();
            }
            long due = begin + call * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            submit(latencies, thread, iteration, due);
            return true;
        });
    }

    /** One driver thread's {@code iteration}-th step of a phase; false when its part is done. */
    private interface Step {
        boolean run(int thread, long iteration) throws Exception;
    }

    /** The phase's clock covers the threads' steps, each thread on a connection of its own. */
    private void inParallel(Latencies latencies, int threads, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long checkpoints = service.checkpoints();
        latencies.restart(service.cpu());
        var work = new ArrayList<Future<?>>();
        for (int i = 0; i < threads; i++) {
            int thread = i;
            work.add(pool.submit(() -> {
                try {
                    for (long iteration = 0; ; iteration++) {
                        try {
                            if (!step.run(thread, iteration)) {
                                return null;
                            }
                        } catch (IOException broken) {
                            connectionFailed(latencies, broken);
                        }
                    }
                } finally {
                    connection.get().close();
                    connection.remove();
                }
            }));
        }
        try {
            for (var future : work) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        latencies.end(service.cpu());
        latencies.driverPaused(hiccups);
        latencies.checkpointsBegun(service.checkpoints() - checkpoints);
    }

    /** A call that got no answer is an error of the phase, and the next call gets a new connection. */
    private void connectionFailed(Latencies latencies, IOException broken) throws IOException {
        latencies.error("connection", broken.toString());
        connection.get().close();
    }

    private void submitOnly(Latencies latencies, int thread, long iteration) throws Exception {
        submit(latencies, thread, iteration);
    }

    /** A broadcaster's session: submit, read it back, amend it; now and then its whole list. */
    private void broadcasterCycle(Latencies latencies, int thread, long iteration) throws Exception {
        var submitted = submit(latencies, thread, iteration);
        if (submitted == null) {
            return;
        }
        var key = Map.of("Authorization", Api.bearer(key(thread, iteration)));
        String path = "/api/events/" + event + "/requests/" + submitted.get("id").asText();
        long start = System.nanoTime();
        var read = connection.get().get(path, key);
        if (read.status() != 200) {
            latencies.error("GET request", read.status() + " " + read.body());
            return;
        }
        latencies.ok("GET request", start);
        var amended = template(thread, iteration);
        amended.put("crewSize", amended.path("crewSize").asInt(1) + 1);
        String etag = read.header("ETag") == null ? "\"0\"" : read.header("ETag");
        start = System.nanoTime();
        var amend = connection.get().call("PUT", path, Map.of("Authorization", key.get("Authorization"),
                "Content-Type", "application/json", "If-Match", etag), Api.JSON.writeValueAsString(amended));
        if (amend.status() == 200) {
            latencies.ok("PUT request (amend)", start);
        } else {
            latencies.error("PUT request (amend)", amend.status() + " " + amend.body());
        }
        if (iteration % 20 == 0) {
            start = System.nanoTime();
            var list = connection.get().get("/api/events/" + event + "/requests", key);
            if (list.status() == 200) {
                latencies.ok("GET own requests", start);
            } else {
                latencies.error("GET own requests", list.status() + " " + list.body());
            }
        }
    }

    private JsonNode submit(Latencies latencies, int thread, long iteration) throws Exception {
        return submit(latencies, thread, iteration, 0);
    }

    /** @param due when the call was due (paced phase), or 0 to time it from when it is sent */
    private JsonNode submit(Latencies latencies, int thread, long iteration, long due) throws Exception {
        var body = template(thread, iteration);
        body.put("id", "load-" + thread + "-" + UUID.randomUUID());
        String json = Api.JSON.writeValueAsString(body);
        long sent = System.nanoTime();
        var response = connection.get().call("POST", "/api/events/" + event + "/requests",
                Map.of("Authorization", Api.bearer(key(thread, iteration)), "Content-Type", "application/json",
                        "Idempotency-Key", UUID.randomUUID().toString()), json);
        if (response.status() != 201) {
            latencies.error("POST request", response.status() + " " + response.body());
            return null;
        }
        latencies.ok("POST request", due != 0 ? due : sent, sent);
        return Api.JSON.readTree(response.body());
    }

    private void fetch(Latencies latencies, String name, String path, Map<String, String> headers) throws Exception {
        long start = System.nanoTime();
        var response = connection.get().get(path, headers);
        if (response.status() == 200) {
            latencies.ok(name, start);
        } else {
            latencies.error(name, response.status() + " " + response.body());
        }
    }

    private Map.Entry<String, ObjectNode> shape(int thread, long iteration) {
        return templates.get((int) ((thread * 7919L + iteration * 31) % templates.size()));
    }

    private ObjectNode template(int thread, long iteration) {
        return shape(thread, iteration).getValue().deepCopy();
    }

    /** Every organisation's key in turn: so fast a call would otherwise meet one key's rate limit. */
    private String keyInTurn(int thread, long iteration) {
        return keyList.get((int) ((thread + iteration * THREADS) % keyList.size()));
    }

    private String key(int thread, long iteration) {
        return keys.get(event).get(shape(thread, iteration).getKey());
    }

    /** A planner watching the round: its state, its best report so far, the timeline of the best. */
    private Void plannerCycle(Latencies latencies, String event, int round, AtomicBoolean solving) throws Exception {
        String path = "/api/events/" + event + "/rounds/" + round;
        while (solving.get()) {
            timed(latencies, "GET round", path);
            long start = System.nanoTime();
            var report = api.get(path + "/report", Api.OPERATOR);
            if (report.statusCode() == 200) {
                latencies.ok("GET report (JSON)", start);
                timed(latencies, "GET timeline", path + "/timeline");
            } else if (report.statusCode() == 409) {
                // No best solution saved yet (the first comes with the first heartbeat): not an error.
                Thread.sleep(200);
            } else {
                latencies.error("GET report (JSON)", report.statusCode() + " " + report.body());
            }
        }
        return null;
    }

    private Latencies sequentially(String phase, String name, String path) throws Exception {
        var latencies = new Latencies(phase);
        for (int i = 0; i < 5; i++) {
            api.get(path, Api.OPERATOR);
        }
        latencies.restart(service.cpu());
        for (int i = 0; i < 40; i++) {
            timed(latencies, name, path);
        }
        latencies.end(service.cpu());
        latencies.print(System.out);
        return latencies;
    }

    private void timed(Latencies latencies, String name, String path) throws Exception {
        long start = System.nanoTime();
        var response = api.get(path, Api.OPERATOR);
        if (response.statusCode() == 200) {
            latencies.ok(name, start);
        } else {
            latencies.error(name, response.statusCode() + " " + response.body());
        }
    }

    private int createRound(String event) throws Exception {
        return api.expect(201, api.post("/api/events/" + event + "/rounds", Api.PLANNER, "{}")).get("round").asInt();
    }

    private void awaitEnd(String event, int round) throws Exception {
        for (int i = 0; i < SOLVE_SECONDS * 4 + 120; i++) {
            String status = api.expect(200, api.get("/api/events/" + event + "/rounds/" + round, Api.PLANNER))
                    .get("status").asText();
            if (!status.equals("SOLVING") && !status.equals("QUEUED")) {
                System.out.printf("%nRound %d of %s ended: %s%n", round, event, status);
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("round " + round + " did not end");
    }
}
