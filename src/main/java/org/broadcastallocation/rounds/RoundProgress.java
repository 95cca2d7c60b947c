package org.broadcastallocation.rounds;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Who is watching which round's progress (Server-Sent Events), and telling them each new best score.
 *
 * <p>The solver's thread only leaves an update for each watcher; the writing is done on sender threads, one watcher
 * at a time, so a slow or stalled reader holds up nobody but itself. What waits for a watcher is bounded: the latest
 * best score (a newer one replaces it: a slow reader sees fewer steps, never stale ones) and the end. A watcher whose
 * write has not returned for {@code broadcast.progress.stall-seconds} is dropped at the next update (its stream is
 * completed once that write returns or fails). Watchers are capped per round and in all, since each holds a
 * connection and, while writing, a sender thread.
 */
@Component
class RoundProgress {

    private static final Logger log = LoggerFactory.getLogger(RoundProgress.class);
    private static final long STREAM_TIMEOUT_MILLIS = 30 * 60 * 1000L;

    private final Map<String, List<Watcher>> watchers = new ConcurrentHashMap<>();
    private final Map<String, Update> lastSent = new ConcurrentHashMap<>();
    private final AtomicInteger watching = new AtomicInteger();
    private final int perRound;
    private final int inAll;
    private final long stallNanos;
    private final int retryAfterSeconds;
    private final Supplier<SseEmitter> emitters;
    /** No queue of its own: a watcher with updates to send gets a thread, or is dropped when none can be had. */
    private final ThreadPoolExecutor senders;

    /** One update: the best score so far, or the round's end. */
    public record Update(String event, int round, String status, long millis, Integer hard, Integer medium,
            Integer soft) {
    }

    /** The round, or the service, has as many watchers as it takes: 503, try again after a while. */
    public static final class WatchersFull extends ErrorResponseException {
        WatchersFull(String detail, int retryAfterSeconds) {
            super(HttpStatus.SERVICE_UNAVAILABLE, problem(detail), null);
            getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        }

        private static ProblemDetail problem(String detail) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
            problem.setType(URI.create("about:blank"));
            problem.setTitle("Too many progress watchers");
            return problem;
        }
    }

    @Autowired
    public RoundProgress(@Value("${broadcast.progress.watchers-per-round:20}") int perRound,
            @Value("${broadcast.progress.watchers:200}") int inAll,
            @Value("${broadcast.progress.stall-seconds:10}") int stallSeconds,
            @Value("${broadcast.progress.retry-after-seconds:10}") int retryAfterSeconds) {
        this(perRound, inAll, Duration.ofSeconds(stallSeconds), retryAfterSeconds,
                () -> new SseEmitter(STREAM_TIMEOUT_MILLIS));
    }

    RoundProgress(int perRound, int inAll, Duration stall, int retryAfterSeconds, Supplier<SseEmitter> emitters) {
        this.perRound = perRound;
        this.inAll = inAll;
        this.stallNanos = stall.toNanos();
        this.retryAfterSeconds = retryAfterSeconds;
        this.emitters = emitters;
        var threads = new AtomicInteger();
        // Dropped watchers may still hold a thread in a stuck write until it times out: room for as many again.
        this.senders = new ThreadPoolExecutor(0, 2 * inAll, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    var thread = new Thread(runnable, "round-progress-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    public SseEmitter watch(String eventId, int round, Update current, boolean ended) {
        var emitter = emitters.get();
        if (ended) {
            // Sent before the stream is handed to the container: buffered, never written on this thread.
            try {
                emitter.send(SseEmitter.event().name("end").data(current));
                emitter.complete();
            } catch (IOException | IllegalStateException gone) {
                emitter.completeWithError(gone);
            }
            return emitter;
        }
        String key = key(eventId, round);
        var watcher = register(key, emitter, round, eventId);
        lastSent.putIfAbsent(key, current);
        emitter.onCompletion(() -> forget(key, watcher));
        emitter.onTimeout(() -> forget(key, watcher));
        emitter.onError(error -> forget(key, watcher));
        offer(key, watcher, current, false);
        return emitter;
    }

    public void best(Update update) {
        String key = key(update.event(), update.round());
        lastSent.put(key, update);
        watchers.getOrDefault(key, List.of()).forEach(watcher -> offer(key, watcher, update, false));
    }

    /** A best score read back from the database: told only when it differs from the last one told. */
    public void bestIfNew(Update update) {
        var last = lastSent.get(key(update.event(), update.round()));
        if (last == null || !Objects.equals(last.hard(), update.hard()) || !Objects.equals(last.medium(),
                update.medium()) || !Objects.equals(last.soft(), update.soft())) {
            best(update);
        }
    }

    public void end(Update update) {
        String key = key(update.event(), update.round());
        lastSent.remove(key);
        var ending = watchers.remove(key);
        if (ending != null) {
            ending.forEach(watcher -> {
                release(watcher);
                offer(key, watcher, update, true);
            });
        }
    }

    /** Rounds someone watches, for polling the ones another instance solves. */
    public List<String> watchedKeys() {
        return List.copyOf(watchers.keySet());
    }

    /** Watchers of every round (a dropped or ended one no longer counts). */
    int watching() {
        return watching.get();
    }

    static String key(String eventId, int round) {
        return eventId + "#" + round;
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    /** One watcher: its stream, what waits to be written to it, and whether (since when) a write is under way. */
    private static final class Watcher {
        final SseEmitter emitter;
        final AtomicReference<Update> best = new AtomicReference<>();
        final AtomicBoolean sending = new AtomicBoolean();
        final AtomicBoolean counted = new AtomicBoolean(true);
        volatile Update end;
        /** {@link System#nanoTime()} when the write under way began; 0 when none is. */
        volatile long writingSince;
        volatile boolean done;

        Watcher(SseEmitter emitter) {
            this.emitter = emitter;
        }

        boolean hasWaiting() {
            return best.get() != null || end != null;
        }
    }

    private synchronized Watcher register(String key, SseEmitter emitter, int round, String eventId) {
        var ofRound = watchers.getOrDefault(key, List.of());
        if (ofRound.size() >= perRound) {
            throw new WatchersFull("Round " + round + " of " + eventId + " already has " + ofRound.size()
                    + " progress watchers, the most it takes; try again later, or read the round's state"
                    + " (GET .../rounds/" + round + ").", retryAfterSeconds);
        }
        if (watching.get() >= inAll) {
            throw new WatchersFull("The service already has " + watching.get() + " progress watchers, the most it"
                    + " takes; try again later, or read the round's state (GET .../rounds/" + round + ").",
                    retryAfterSeconds);
        }
        var watcher = new Watcher(emitter);
        watching.incrementAndGet();
        watchers.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(watcher);
        return watcher;
    }

    /** Called on the solver's thread: leaves the update for the watcher's sender, and never waits for the reader. */
    private void offer(String key, Watcher watcher, Update update, boolean last) {
        if (watcher.done) {
            return;
        }
        long since = watcher.writingSince;
        if (since != 0 && System.nanoTime() - since > stallNanos) {
            log.info("Progress watcher of round {} dropped: its last write has not returned for {} ms", key,
                    (System.nanoTime() - since) / 1_000_000);
            drop(key, watcher);
            return;
        }
        if (last) {
            watcher.end = update;
        } else {
            watcher.best.set(update);
        }
        if (watcher.sending.compareAndSet(false, true)) {
            try {
                senders.execute(() -> send(key, watcher));
            } catch (RejectedExecutionException noThread) {
                watcher.sending.set(false);
                drop(key, watcher);
                // No write of this watcher's is under way, so completing it waits for nothing.
                watcher.emitter.complete();
            }
        }
    }

    /**
     * On a sender thread: writes what waits for the watcher (the latest best, then the end) until nothing does (a
     * write to a stalled reader blocks here, and only here), and completes the stream after its end or once it was
     * dropped.
     */
    private void send(String key, Watcher watcher) {
        boolean failed = false;
        do {
            while (!watcher.done && watcher.hasWaiting()) {
                var best = watcher.best.getAndSet(null);
                var update = best != null ? best : watcher.end;
                try {
                    watcher.writingSince = Math.max(1, System.nanoTime());
                    watcher.emitter.send(SseEmitter.event().name(best != null ? "best" : "end").data(update));
                    if (best == null) {
                        watcher.done = true;
                    }
                } catch (IOException | IllegalStateException gone) {
                    failed = true;
                    drop(key, watcher);
                    watcher.emitter.completeWithError(gone);
                } finally {
                    watcher.writingSince = 0;
                }
            }
            watcher.sending.set(false);
            // An update left after the last look, before the flag was cleared, is sent by this thread too.
        } while (!watcher.done && watcher.hasWaiting() && watcher.sending.compareAndSet(false, true));
        if (watcher.done && !failed) {
            watcher.emitter.complete();
        }
    }

    private void drop(String key, Watcher watcher) {
        watcher.done = true;
        forget(key, watcher);
    }

    private void forget(String key, Watcher watcher) {
        watchers.computeIfPresent(key, (k, list) -> {
            list.remove(watcher);
            return list.isEmpty() ? null : list;
        });
        release(watcher);
    }

    private void release(Watcher watcher) {
        if (watcher.counted.compareAndSet(true, false)) {
            watching.decrementAndGet();
        }
    }
}
