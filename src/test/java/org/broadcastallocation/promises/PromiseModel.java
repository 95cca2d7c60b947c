package org.broadcastallocation.promises;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.broadcastallocation.promises.PromiseEvent.Shape;
import org.broadcastallocation.promises.PromiseEvent.Template;

/**
 * What the test knows of one sequence's event, from the answers it got: the requests and when each last changed,
 * the rounds and when each was snapshotted, and the promises made (what a publish confirmed, as the API reported
 * it), which only a cancellation or rejection of that request may take back.
 */
final class PromiseModel {

    final String eventId;
    /** The step being run (1, 2, ...); 0 is the import. */
    int step;

    final List<Request> requests = new ArrayList<>();
    final Map<String, Request> requestsById = new HashMap<>();
    final List<Round> rounds = new ArrayList<>();
    final Map<String, Promise> promises = new LinkedHashMap<>();
    final Set<String> closedResources = new HashSet<>();
    final Map<String, String> keys = new HashMap<>();
    /** Rounds of the crowd events started by this sequence: checked too (they must not be INTERRUPTED). */
    final List<CrowdRound> crowdRounds = new ArrayList<>();
    boolean lateIntakeOpen;
    int lateSubmitted;

    static final class Request {
        final String id;
        final String organisation;
        final List<Shape> shapes;
        int shape;
        /** The step of its submission or last amendment (-1: imported). */
        int lastChange;
        boolean closed;

        Request(String id, String organisation, List<Shape> shapes, int lastChange) {
            this.id = id;
            this.organisation = organisation;
            this.shapes = shapes;
            this.lastChange = lastChange;
        }
    }

    /** A round of the event and the step whose end saw it snapshotted. */
    record Round(int number, int createdStep, String closed) {
    }

    /** A confirmed place, as the API reported it after the publish that made it. */
    record Promise(String resource, Instant start, int publishedAtStep) {
    }

    record CrowdRound(String eventId, int number) {
    }

    PromiseModel(String eventId) {
        this.eventId = eventId;
        for (Template template : PromiseEvent.REQUESTS) {
            add(new Request(template.id(), template.organisation(), template.shapes(), -1));
        }
    }

    void add(Request request) {
        requests.add(request);
        requestsById.put(request.id, request);
    }

    Round round(int number) {
        return rounds.stream().filter(round -> round.number() == number).findFirst().orElse(null);
    }

    /**
     * A round picked by position: mostly the latest, sometimes the one before (a stale candidate), sometimes any.
     * Null when there is none.
     */
    Round pickRound(int a, int b) {
        if (rounds.isEmpty()) {
            return null;
        }
        int last = rounds.size() - 1;
        if (a <= 5) {
            return rounds.get(last);
        }
        if (a <= 7) {
            return rounds.get(Math.max(0, last - 1));
        }
        return rounds.get(b % rounds.size());
    }

    Request pickRequest(int b) {
        return requests.get(b % requests.size());
    }
}
