package org.broadcastallocation.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;


import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.broadcastallocation.WebhookSignature;

/**
 * kill -9 while the service delivers webhooks: no message committed to the outbox is lost. The packaged service
 * (tiny sample, every organisation and staff with an endpoint) tells of rejections, which arrive; then the receiver
 * holds every delivery open, unanswered, while a round is published and late requests come in. The service is killed
 * while a delivery is held (its row claimed by the killed instance, the attempt not committed) and other messages are
 * written but not sent; it starts again on the same database. Every message the outbox held before the kill must
 * then reach the receiver and be accepted (a 2xx after a valid Standard Webhooks signature) at least once, each
 * webhook-id with one body. Prints the counts; exits 1 when a message is lost, or when the kill did not land as
 * meant (no delivery held, nothing unsent), since then it proved nothing.
 *
 * <p>{@code ./mvnw -q test-compile exec:java -Pload -Dload.main=org.broadcastallocation.load.KillDuringDelivery};
 * {@code load.port} (18082).
 */
public final class KillDuringDelivery {

    private static final String EVENT = "tiny";
    private static final String BASE = "/api/events/" + EVENT;
    private static final int PORT = Integer.getInteger("load.port", 18082);
    private static final List<String> REJECTED = List.of("b6", "p4", "t3");
    private static final int LATE = 3;
    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(90);

    public static void main(String[] args) throws Exception {
        boolean kept;
        var settings = Map.of("BROADCAST_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true",
                "BROADCAST_NOTIFICATIONS_POLL_MILLIS", "200",
                "BROADCAST_NOTIFICATIONS_FIRST_RETRY_SECONDS", "1",
                "BROADCAST_NOTIFICATIONS_LONGEST_RETRY_SECONDS", "2");
        try (var service = new ServiceProcess("ba_load_delivery_", PORT, "512m", settings);
                var receiver = new Receiver()) {
            service.start();
            kept = run(service, receiver);
        }
        System.exit(kept ? 0 : 1);
    }

    private static boolean run(ServiceProcess service, Receiver receiver) throws Exception {
        var api = new Api(service.base(), Duration.ofSeconds(10));
        var sample = Files.readString(Path.of("data-samples/tiny.json"));
        api.expect(201, api.post("/api/events", Api.PLANNER, sample));
        api.expect(200, api.put(BASE + "/late-intake", Api.PLANNER, "{\"open\": true}"));
        var keys = new HashMap<String, String>();
        for (var organisation : Api.JSON.readTree(sample).get("organisations")) {
            String id = organisation.get("id").asText();
            keys.put(id, api.expect(201, api.post(BASE + "/organisations/" + id + "/keys", Api.PLANNER, ""))
                    .get("key").asText());
            register(api, Api.bearer(keys.get(id)), receiver, "/" + id, "");
        }
        register(api, Api.PLANNER, receiver, "/staff", ", \"events\": [\"round.published\", \"request.rejected\","
                + " \"request.late\"]");

        for (String request : REJECTED) {
            api.expect(200, api.post(BASE + "/requests/" + request + "/reject", Api.PLANNER,
                    "{\"reason\": \"a fault drill\"}"));
        }
        long rejections = REJECTED.size() * 2L;
        awaitAccepted(receiver, rejections, Duration.ofSeconds(30));

        // From now on nothing is answered: the senders hold a claimed row each, and the rest waits in the outbox.
        receiver.hold();
        int round = api.expect(201, api.post(BASE + "/rounds", Api.PLANNER, "")).get("round").asInt();
        api.expect(202, api.post(BASE + "/rounds/" + round + "/solve?seconds=1", Api.PLANNER, ""));
        String status;
        do {
            Thread.sleep(200);
            status = api.expect(200, api.get(BASE + "/rounds/" + round, Api.OPERATOR)).get("status").asText();
        } while (status.equals("CREATED") || status.equals("QUEUED") || status.equals("SOLVING"));
        api.expect(200, api.post(BASE + "/rounds/" + round + "/publish", Api.PLANNER, ""));
        for (int i = 0; i < LATE; i++) {
            api.expect(201, api.post(BASE + "/requests", Api.bearer(keys.get("afp")), "{\"id\": \"late-" + i
                    + "\", \"type\": \"EDIT_BOOTH\", \"crewSize\": 2, \"window\": {\"from\":"
                    + " \"2025-06-23T09:00:00+02:00\", \"to\": \"2025-06-26T02:00:00+02:00\"}}"));
        }
        // A delivery held for less than the service's 5 s timeout: its attempt is surely not committed yet.
        while (receiver.heldSince() < 0 || System.nanoTime() - receiver.heldSince() > 3_000_000_000L) {
            Thread.sleep(20);
        }
        var written = new HashSet<>(service.strings("select message_id from notification"));
        var types = service.strings("select type || ' ' || count(*) from notification group by type order by 1");
        var heldAtKill = receiver.heldNow();
        var acceptedBeforeKill = receiver.acceptedIds();
        service.kill();
        receiver.release();
        var unsentAtKill = new HashSet<>(written);
        unsentAtKill.removeAll(acceptedBeforeKill);
        unsentAtKill.removeAll(receiver.arrivedIds());
        System.out.printf("kill -9 with %d messages in the outbox (%s): %d accepted, %d held open by the receiver"
                + " (claimed, attempt not committed), %d not sent yet%n", written.size(), String.join(", ", types),
                acceptedBeforeKill.size(), heldAtKill.size(), unsentAtKill.size());

        long killedAt = System.nanoTime();
        service.start();
        System.out.printf("restarted and healthy after %.1f s%n", (System.nanoTime() - killedAt) / 1e9);
        long until = System.nanoTime() + DELIVERED_WITHIN.toNanos();
        while (!receiver.acceptedIds().containsAll(written) && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        // A little longer: a redelivery that was to come shows now.
        Thread.sleep(1_000);

        var lost = new HashSet<>(written);
        lost.removeAll(receiver.acceptedIds());
        var bodies = new HashMap<String, Set<String>>();
        receiver.arrived().forEach(copy -> bodies.computeIfAbsent(copy.id(), id -> new HashSet<>()).add(copy.body()));
        long changedBodies = bodies.values().stream().filter(distinct -> distinct.size() > 1).count();
        long badSignatures = receiver.arrived().stream().filter(copy -> !copy.signatureValid()).count();
        long extra = receiver.acceptedIds().stream().filter(id -> !written.contains(id)).count();
        long stillPending = service.count("select count(*) from notification where status <> 'DELIVERED'");
        System.out.printf("arrived: %d copies of %d messages (%d accepted; %d accepted more than once);"
                + " not written before the kill: %d; bad signatures: %d; a webhook-id with two bodies: %d;"
                + " not DELIVERED in the outbox now: %d; lost: %d%n", receiver.arrived().size(), bodies.size(),
                receiver.acceptedIds().size(), receiver.acceptedMoreThanOnce(), extra, badSignatures,
                changedBodies, stillPending, lost.size());
        boolean landed = !heldAtKill.isEmpty() && !unsentAtKill.isEmpty();
        boolean kept = landed && lost.isEmpty() && changedBodies == 0 && badSignatures == 0 && stillPending == 0;
        if (!landed) {
            System.out.println("FAILED: the kill did not land during a delivery with messages unsent; it proved"
                    + " nothing");
        } else {
            System.out.println(kept ? "PASSED: every message written before the kill was delivered, none lost"
                    : "FAILED: a message written before the kill was lost or changed " + lost);
        }
        return kept;
    }

    private static void register(Api api, String caller, Receiver receiver, String path, String events)
            throws IOException, InterruptedException {
        var made = api.expect(201, api.post(BASE + "/webhooks", caller, "{\"url\": \"" + receiver.url(path) + "\""
                + events + "}"));
        receiver.secret(path, made.get("secret").asText());
    }

    private static void awaitAccepted(Receiver receiver, long messages, Duration within) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (receiver.acceptedIds().size() < messages) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("only " + receiver.acceptedIds().size() + " of " + messages
                        + " messages arrived within " + within);
            }
            Thread.sleep(100);
        }
    }

    /**
     * A receiver as an integration would run one (JDK HttpServer on 127.0.0.1): checks each message's Standard
     * Webhooks signature (from the convention, not the service's code) with its path's secret and accepts it (204),
     * or, while holding, keeps the connection open unanswered until released, then answers 503.
     */
    private static final class Receiver implements AutoCloseable {

        record Copy(String id, String body, boolean signatureValid, boolean accepted) {
        }

        private final HttpServer server;
        private final Map<String, String> secrets = new ConcurrentHashMap<>();
        private final List<Copy> arrived = new CopyOnWriteArrayList<>();
        /** Each held message's latest arrival (nanoTime). */
        private final Map<String, Long> held = new ConcurrentHashMap<>();
        private volatile CountDownLatch holding;
        private volatile long heldSince = -1;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.createContext("/", this::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        void secret(String path, String secret) {
            secrets.put(path, secret);
        }

        void hold() {
            holding = new CountDownLatch(1);
        }

        void release() {
            var latch = holding;
            holding = null;
            if (latch != null) {
                latch.countDown();
            }
        }

        /** When the latest held delivery arrived (nanoTime), -1 before any. */
        long heldSince() {
            return heldSince;
        }

        /** Held within the service's 5 s timeout: its sender is still waiting, the row claimed. */
        Set<String> heldNow() {
            long now = System.nanoTime();
            var ids = new HashSet<String>();
            held.forEach((id, since) -> {
                if (now - since < 4_500_000_000L) {
                    ids.add(id);
                }
            });
            return ids;
        }

        List<Copy> arrived() {
            return List.copyOf(arrived);
        }

        Set<String> arrivedIds() {
            var ids = new HashSet<String>();
            arrived.forEach(copy -> ids.add(copy.id()));
            return ids;
        }

        Set<String> acceptedIds() {
            var ids = new HashSet<String>();
            arrived.stream().filter(Copy::accepted).forEach(copy -> ids.add(copy.id()));
            return ids;
        }

        long acceptedMoreThanOnce() {
            var times = new HashMap<String, Integer>();
            arrived.stream().filter(Copy::accepted).forEach(copy -> times.merge(copy.id(), 1, Integer::sum));
            return times.values().stream().filter(count -> count > 1).count();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            String id = headers.getFirst("webhook-id");
            String timestamp = headers.getFirst("webhook-timestamp");
            String signature = headers.getFirst("webhook-signature");
            String secret = secrets.get(exchange.getRequestURI().getPath());
            boolean valid = id != null && timestamp != null && signature != null && secret != null
                    && List.of(signature.split(" "))
                            .contains(WebhookSignature.expected(secret, id, timestamp, body));
            var latch = holding;
            if (latch != null && valid) {
                heldSince = System.nanoTime();
                held.put(id, heldSince);
                arrived.add(new Copy(id, body, true, false));
                try {
                    latch.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(exchange, 503);
                return;
            }
            arrived.add(new Copy(id, body, valid, valid));
            answer(exchange, valid ? 204 : 400);
        }

        private static void answer(HttpExchange exchange, int status) {
            try {
                exchange.sendResponseHeaders(status, -1);
            } catch (IOException gone) {
                // the sender died meanwhile: as it would be for a real receiver
            } finally {
                exchange.close();
            }
        }

        @Override
        public void close() {
            release();
            server.stop(0);
        }
    }
}
