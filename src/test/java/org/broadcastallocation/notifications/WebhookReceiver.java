package org.broadcastallocation.notifications;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import org.broadcastallocation.WebhookSignature;

/**
 * A receiver as an organisation would run one: a real HTTP server on a port of this machine that checks each
 * message's Standard Webhooks signature with the secret of the path it arrived on (written here from the
 * convention, not from the service's code) and keeps what arrived. It can be taken down (its port closed) and
 * brought up again on the same port.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One message as it arrived, and whether its signature checked out. */
    record Received(String path, String id, long timestamp, String body, boolean signatureValid) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final int port;
    private HttpServer server;
    private volatile long answerAfterMillis;
    /** Several senders at once, as a real receiver takes them. */
    private final ExecutorService handlers = Executors.newFixedThreadPool(8, runnable -> {
        var thread = new Thread(runnable, "webhook-receiver");
        thread.setDaemon(true);
        return thread;
    });

    WebhookReceiver() {
        this(0);
    }

    private WebhookReceiver(int port) {
        start(port);
        this.port = server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void secret(String path, String secret) {
        secrets.put(path, secret);
    }

    /** Answers each message only after this long (a receiver that takes its time). */
    void slow(Duration answerAfter) {
        answerAfterMillis = answerAfter.toMillis();
    }

    void down() {
        server.stop(0);
        server = null;
    }

    void up() {
        start(port);
    }

    private void start(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            String id = headers.getFirst("webhook-id");
            String timestamp = headers.getFirst("webhook-timestamp");
            String signature = headers.getFirst("webhook-signature");
            String path = exchange.getRequestURI().getPath();
            boolean valid = id != null && timestamp != null && signature != null && secrets.containsKey(path)
                    && List.of(signature.split(" "))
                            .contains(WebhookSignature.expected(secrets.get(path), id, timestamp, body));
            received.add(new Received(path, id, timestamp == null ? 0 : Long.parseLong(timestamp), body, valid));
            pause(answerAfterMillis);
            exchange.sendResponseHeaders(valid ? 204 : 400, -1);
            exchange.close();
        });
        server.setExecutor(handlers);
        server.start();
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Received> on(String path) {
        return received.stream().filter(message -> message.path().equals(path)).toList();
    }

    /** Waits until a message on the path matches; fails after the timeout. */
    Received await(String path, Predicate<Received> matching, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            var found = on(path).stream().filter(matching).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            pause(100);
        }
        throw new AssertionError("no matching message on " + path + " within " + timeout + "; received "
                + received);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        handlers.shutdownNow();
    }
}
