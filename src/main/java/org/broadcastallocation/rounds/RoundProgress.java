package org.broadcastallocation.rounds;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Who is watching which round's progress (Server-Sent Events), and telling them each new best score. */
@Component
public class RoundProgress {

    private final Map<String, List<SseEmitter>> watchers = new ConcurrentHashMap<>();
    private final Map<String, Update> lastSent = new ConcurrentHashMap<>();

    /** One update: the best score so far, or the round's end. */
    public record Update(String event, int round, String status, long millis, Integer hard, Integer medium,
            Integer soft) {
    }

    public SseEmitter watch(String eventId, int round, Update current, boolean ended) {
        var emitter = new SseEmitter(30 * 60 * 1000L);
        String key = key(eventId, round);
        send(emitter, ended ? "end" : "best", current);
        if (!ended) {
            lastSent.putIfAbsent(key, current);
        }
        if (ended) {
            emitter.complete();
            return emitter;
        }
        watchers.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(emitter);
        emitter.onCompletion(() -> forget(key, emitter));
        emitter.onTimeout(() -> forget(key, emitter));
        emitter.onError(error -> forget(key, emitter));
        return emitter;
    }

    public void best(Update update) {
        String key = key(update.event(), update.round());
        lastSent.put(key, update);
        watchers.getOrDefault(key, List.of()).forEach(emitter -> send(emitter, "best", update));
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
        lastSent.remove(key(update.event(), update.round()));
        var emitters = watchers.remove(key(update.event(), update.round()));
        if (emitters != null) {
            emitters.forEach(emitter -> {
                send(emitter, "end", update);
                emitter.complete();
            });
        }
    }

    /** Rounds someone watches, for polling the ones another instance solves. */
    public List<String> watchedKeys() {
        return List.copyOf(watchers.keySet());
    }

    static String key(String eventId, int round) {
        return eventId + "#" + round;
    }

    private void send(SseEmitter emitter, String name, Update update) {
        try {
            emitter.send(SseEmitter.event().name(name).data(update));
        } catch (IOException | IllegalStateException gone) {
            emitter.completeWithError(gone);
        }
    }

    private void forget(String key, SseEmitter emitter) {
        watchers.computeIfPresent(key, (k, list) -> {
            list.remove(emitter);
            return list.isEmpty() ? null : list;
        });
    }
}
