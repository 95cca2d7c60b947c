package org.broadcastallocation.promises;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.promises.Invariant.Broken;
import org.broadcastallocation.promises.PromiseModel.Promise;
import org.broadcastallocation.promises.ServiceInstances.Instance;

/**
 * Runs a sequence of actions against a fresh copy of the event, over whichever instances are up, and checks every
 * promise after each step (and once more when the rounds it started have ended). Stops at the first broken step.
 */
final class SequenceRunner {

    private static final String PLANNER = ApiClient.PLANNER;
    /** Longest a round may take to end once asked to wait for it: a dead instance's round takes the heartbeat timeout. */
    private static final Duration END_OF_ROUND = Duration.ofSeconds(ServiceInstances.HEARTBEAT_TIMEOUT_SECONDS + 13);
    private static final AtomicInteger EVENTS = new AtomicInteger();

    private final ServiceInstances instances;
    private final InvariantChecker checker;
    private final List<String> crowdEvents;

    SequenceRunner(ServiceInstances instances, InvariantChecker checker, List<String> crowdEvents) {
        this.instances = instances;
        this.checker = checker;
        this.crowdEvents = crowdEvents;
    }

    /** One step as it went: the action, where it ran and what the service answered. */
    record Step(int number, Action action, String instance, String outcome) {
        @Override
        public String toString() {
            return "%3d. %-22s %-3s %s".formatted(number, action.code(), instance, outcome);
        }
    }

    /** {@code failedAt}: the step after which a promise was found broken (steps + 1: once the rounds ended). */
    record Result(String eventId, List<Step> steps, int failedAt, List<Broken> broken) {
        boolean failed() {
            return !broken.isEmpty();
        }

        boolean broke(Invariant invariant) {
            return broken.stream().anyMatch(b -> b.invariant() == invariant);
        }
    }

    /** Runs the actions on a new event; what they did is counted in {@code figures}. */
    Result run(List<Action> actions, Figures figures) {
        String eventId = "promises-" + EVENTS.incrementAndGet();
        var model = new PromiseModel(eventId);
        long importing = System.nanoTime();
        var setup = instances.live().get(0).api();
        setup.importEvent(PromiseEvent.document(), eventId);
        PromiseEvent.ORGANISATIONS.forEach(organisation -> model.keys.put(organisation,
                setup.mintKey(eventId, organisation)));
        figures.setupMillis += (int) ((System.nanoTime() - importing) / 1_000_000);
        var steps = new ArrayList<Step>();
        for (var action : actions) {
            model.step = steps.size() + 1;
            var calls = new Calls();
            var target = instanceFor(action.instance());
            String outcome;
            long began = System.nanoTime();
            try {
                outcome = execute(action, target, model, calls);
            } catch (UncheckedIOException | IllegalStateException e) {
                outcome = "failed: " + e.getMessage();
            }
            steps.add(new Step(model.step, action, "i" + target.slot(), outcome));
            figures.ran(action.kind(), calls.answers.isEmpty() ? null
                    : String.join(",", new java.util.TreeSet<>(calls.answers)), System.nanoTime() - began);
            var broken = new ArrayList<>(calls.broken);
            long checking = System.nanoTime();
            broken.addAll(checker.check(model, instances.dead()));
            figures.checkMillis += (int) ((System.nanoTime() - checking) / 1_000_000);
            if (!broken.isEmpty()) {
                return new Result(eventId, steps, model.step, broken);
            }
        }
        var calls = new Calls();
        long settling = System.nanoTime();
        var broken = new ArrayList<>(settle(model, calls));
        figures.settleMillis += (int) ((System.nanoTime() - settling) / 1_000_000);
        broken.addAll(calls.broken);
        broken.addAll(checker.check(model, instances.dead()));
        return new Result(eventId, steps, broken.isEmpty() ? 0 : steps.size() + 1, broken);
    }

    private Instance instanceFor(int slot) {
        var live = instances.live();
        return live.stream().filter(instance -> instance.slot() == slot).findFirst().orElse(live.get(0));
    }

    private Instance other(Instance instance) {
        return instances.live().stream().filter(other -> other != instance).findFirst().orElse(instance);
    }

    private String execute(Action action, Instance on, PromiseModel model, Calls calls) {
        String rounds = "/api/events/" + model.eventId + "/rounds";
        return switch (action.kind()) {
            case CREATE_ROUND -> createRound(on, model, calls, null);
            case CREATE_WHAT_IF -> createRound(on, model, calls,
                    PromiseEvent.RESOURCES.get(action.a() % PromiseEvent.RESOURCES.size()).id());
            case SOLVE -> {
                var round = model.pickRound(action.a(), action.b());
                if (round == null) {
                    yield "no round yet";
                }
                var answer = calls.call(on, PLANNER, "POST", rounds + "/" + round.number() + "/solve?seconds=1", null);
                yield "solve round " + round.number() + " -> " + status(answer);
            }
            case STOP -> {
                var running = running(model.eventId);
                var round = running != null ? running.number() : model.rounds.isEmpty() ? -1
                        : model.rounds.get(model.rounds.size() - 1).number();
                if (round < 0) {
                    yield "no round yet";
                }
                yield "stop round " + round + " -> " + status(calls.call(on, PLANNER, "DELETE", rounds + "/" + round
                        + "/solve", null));
            }
            case PUBLISH -> {
                var round = model.pickRound(action.a(), action.b());
                yield round == null ? "no round yet" : publish(on, model, calls, round.number());
            }
            case PUBLISH_TWO -> publishTwo(on, model, calls);
            case AMEND -> amend(on, model, calls, model.pickRequest(action.b()), action.a());
            case CANCEL -> {
                var request = model.pickRequest(action.b());
                var answer = calls.call(on, model.keys.get(request.organisation), "DELETE", "/api/events/"
                        + model.eventId + "/requests/" + request.id, null);
                yield closed(model, request, answer, "cancel");
            }
            case REJECT -> {
                var request = model.pickRequest(action.b());
                var answer = calls.call(on, PLANNER, "POST", "/api/events/" + model.eventId + "/requests/"
                        + request.id + "/reject", "{\"reason\": \"the model test says no\"}");
                yield closed(model, request, answer, "reject");
            }
            case SUBMIT_LATE -> submitLate(on, model, calls, action.a());
            case CLOSE_RESOURCE -> {
                var place = PromiseEvent.RESOURCES.get(action.a() % PromiseEvent.RESOURCES.size());
                boolean close = !model.closedResources.contains(place.id());
                var answer = calls.call(on, PLANNER, "PUT", "/api/events/" + model.eventId + "/resources/"
                        + place.id() + "?closed=" + close, place.json().toString());
                if (answer != null && answer.status() == 200) {
                    if (close) {
                        model.closedResources.add(place.id());
                    } else {
                        model.closedResources.remove(place.id());
                    }
                }
                yield (close ? "close " : "open ") + place.id() + " -> " + status(answer);
            }
            case KILL -> kill(on, model, action.a() > 0);
            case WAIT -> awaitEnds(model, calls);
            case CROWD -> crowd(on, model, calls);
        };
    }

    private String createRound(Instance on, PromiseModel model, Calls calls, String closed) {
        String body = closed == null ? "{}" : "{\"closedResources\": [\"" + closed + "\"]}";
        var answer = calls.call(on, PLANNER, "POST", "/api/events/" + model.eventId + "/rounds", body);
        if (answer != null && answer.status() == 201) {
            int number = answer.json().get("round").asInt();
            model.rounds.add(new PromiseModel.Round(number, model.step, closed));
            return "round " + number + (closed == null ? "" : " (what if " + closed + " closed)") + " -> 201";
        }
        return "create round" + (closed == null ? "" : " without " + closed) + " -> " + status(answer);
    }

    private String publish(Instance on, PromiseModel model, Calls calls, int number) {
        var before = checker.round(model.eventId, number);
        int eventPins = checker.pinsVersion(model.eventId);
        var answer = calls.call(on, PLANNER, "POST", "/api/events/" + model.eventId + "/rounds/" + number
                + "/publish", null);
        if (answer != null && answer.status() == 200) {
            if (before.pinsVersion() != eventPins) {
                calls.broken.add(new Broken(Invariant.PUBLISH_SERIALISED, "round " + number + ", built on pins "
                        + before.pinsVersion() + ", was published though the event's pins were at " + eventPins));
            }
            return "publish round " + number + " -> 200, " + recordPromises(on, model, calls);
        }
        return "publish round " + number + " (" + before.status() + ") -> " + status(answer);
    }

    /**
     * Two rounds published at the same moment, one through each instance: the two latest that could be published
     * (ended, on the event's pins), else simply the two latest.
     */
    private String publishTwo(Instance on, PromiseModel model, Calls calls) {
        if (model.rounds.size() < 2) {
            return "fewer than two rounds";
        }
        int pins = checker.pinsVersion(model.eventId);
        var candidates = checker.rounds(model.eventId).stream().filter(round -> publishable(round, pins))
                .map(InvariantChecker.RoundRow::number).toList();
        if (candidates.size() < 2) {
            candidates = model.rounds.stream().map(PromiseModel.Round::number).toList();
        }
        int first = candidates.get(candidates.size() - 2);
        int second = candidates.get(candidates.size() - 1);
        int eventPins = checker.pinsVersion(model.eventId);
        var firstBefore = checker.round(model.eventId, first);
        var secondBefore = checker.round(model.eventId, second);
        var start = new CountDownLatch(1);
        var through = List.of(on, other(on));
        var answers = new ArrayList<CompletableFuture<ApiClient.Response>>();
        int[] numbers = {first, second};
        for (int i = 0; i < 2; i++) {
            var instance = through.get(i);
            int number = numbers[i];
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return calls.call(instance, PLANNER, "POST", "/api/events/" + model.eventId + "/rounds/" + number
                        + "/publish", null);
                // Two threads of their own: on two cores the common pool has one worker and ran them one by one.
            }, ServiceInstances.OWN_THREADS));
        }
        start.countDown();
        var firstAnswer = answers.get(0).join();
        var secondAnswer = answers.get(1).join();
        boolean firstPublished = firstAnswer != null && firstAnswer.status() == 200;
        boolean secondPublished = secondAnswer != null && secondAnswer.status() == 200;
        String outcome = "publish rounds " + first + " and " + second + " at once -> " + status(firstAnswer) + " and "
                + status(secondAnswer);
        boolean samePins = firstBefore.pinsVersion() == secondBefore.pinsVersion();
        if (firstPublished && secondPublished && samePins) {
            calls.broken.add(new Broken(Invariant.PUBLISH_SERIALISED, "rounds " + first + " and " + second
                    + ", both built on pins " + firstBefore.pinsVersion() + ", were both published when published"
                    + " at the same time"));
        }
        if (!firstPublished && !secondPublished && publishable(firstBefore, eventPins)
                && publishable(secondBefore, eventPins)) {
            calls.broken.add(new Broken(Invariant.PUBLISH_SERIALISED, "rounds " + first + " and " + second
                    + " could both be published and were published at the same time; neither was"));
        }
        if (firstPublished || secondPublished) {
            outcome += ", " + recordPromises(on, model, calls);
        }
        return outcome;
    }

    private static boolean publishable(InvariantChecker.RoundRow round, int eventPins) {
        return List.of("SOLVED", "STOPPED", "INTERRUPTED").contains(round.status()) && round.hard() != null
                && round.hard() == 0 && round.pinsVersion() == eventPins;
    }

    /** After a publish: the promises as the API reports them to each organisation. */
    private String recordPromises(Instance on, PromiseModel model, Calls calls) {
        int made = 0;
        for (var organisation : PromiseEvent.ORGANISATIONS) {
            var answer = calls.call(on, model.keys.get(organisation), "GET", "/api/events/" + model.eventId
                    + "/allocations", null);
            if (answer == null || answer.status() != 200) {
                continue;
            }
            for (JsonNode allocation : answer.json()) {
                String request = allocation.get("request").asText();
                if (!model.promises.containsKey(request)) {
                    model.promises.put(request, new Promise(allocation.get("resource").asText(),
                            OffsetDateTime.parse(allocation.get("start").asText()).toInstant(), model.step));
                    made++;
                }
            }
        }
        return made + " new promises (" + model.promises.size() + " in all)";
    }

    private String amend(Instance on, PromiseModel model, Calls calls, PromiseModel.Request request, int pick) {
        String path = "/api/events/" + model.eventId + "/requests/" + request.id;
        String key = model.keys.get(request.organisation);
        var read = calls.call(on, key, "GET", path, null);
        if (read == null || read.status() != 200) {
            return "amend " + request.id + ": read -> " + status(read);
        }
        int shape = pick % request.shapes.size();
        if (shape == request.shape) {
            shape = (shape + 1) % request.shapes.size();
        }
        var body = request.shapes.get(shape).json(request.id).toString();
        var answer = calls.call(on, key, "PUT", path, ApiClient.Body.json(body), Map.of("If-Match",
                read.header("ETag")));
        if (answer != null && answer.status() == 200) {
            request.shape = shape;
            request.lastChange = model.step;
        }
        return "amend " + request.id + " (" + read.json().path("status").asText() + ") to " + request.shapes
                .get(shape) + " -> " + status(answer);
    }

    private static String closed(PromiseModel model, PromiseModel.Request request, ApiClient.Response answer,
            String what) {
        if (answer != null && answer.status() == 200) {
            request.closed = true;
            model.promises.remove(request.id);
        }
        return what + " " + request.id + " -> " + status(answer);
    }

    private String submitLate(Instance on, PromiseModel model, Calls calls, int pick) {
        String opened = "";
        if (!model.lateIntakeOpen) {
            var answer = calls.call(on, PLANNER, "PUT", "/api/events/" + model.eventId + "/late-intake",
                    "{\"open\": true}");
            model.lateIntakeOpen = answer != null && answer.status() == 200;
            opened = "open late intake -> " + status(answer) + ", ";
        }
        var template = PromiseEvent.LATE.get(pick % PromiseEvent.LATE.size());
        String id = "late-" + (model.lateSubmitted + 1);
        var answer = calls.call(on, model.keys.get(template.organisation()), "POST", "/api/events/" + model.eventId
                + "/requests", template.shapes().get(0).json(id).toString());
        if (answer != null && answer.status() == 201) {
            model.lateSubmitted++;
            model.add(new PromiseModel.Request(id, template.organisation(), template.shapes(), model.step));
        }
        return opened + "submit " + id + " (" + template.organisation() + ", " + template.shapes().get(0) + ") -> "
                + status(answer);
    }

    private String kill(Instance on, PromiseModel model, boolean theSolvingOne) {
        var live = instances.live();
        if (live.size() < 2) {
            return "skipped: only one instance is up";
        }
        var target = on;
        var running = running(model.eventId);
        if (theSolvingOne && running != null) {
            target = live.stream().filter(instance -> instance.id().equals(running.claimedBy())).findFirst()
                    .orElse(on);
        }
        boolean solving = running != null && target.id().equals(running.claimedBy());
        instances.kill(target);
        return "killed i" + target.slot() + (solving ? " while it solved round " + running.number() : "");
    }

    /** Until no round of the event is solving or waiting to; a round that does not end breaks a promise. */
    private String awaitEnds(PromiseModel model, Calls calls) {
        long began = System.nanoTime();
        var deadline = began + END_OF_ROUND.toNanos();
        var waitedFor = running(model.eventId);
        if (waitedFor == null) {
            return "nothing solving";
        }
        while (System.nanoTime() < deadline) {
            var still = running(model.eventId);
            if (still == null) {
                var ended = checker.round(model.eventId, waitedFor.number());
                return "round " + waitedFor.number() + " -> " + ended.status() + " (solved " + ended.solvingMillis()
                        + " ms) after waiting " + (System.nanoTime() - began) / 1_000_000 + " ms";
            }
            pause(20);
        }
        calls.broken.add(new Broken(Invariant.ROUND_ENDS, "round " + waitedFor.number() + " still "
                + running(model.eventId).status() + " " + END_OF_ROUND.toSeconds() + " s later"));
        return "round " + waitedFor.number() + " did not end";
    }

    /** Rounds of other, bigger events solved on this instance, ahead of whatever it is asked to solve next. */
    private String crowd(Instance on, PromiseModel model, Calls calls) {
        int queued = 0;
        for (String event : crowdEvents) {
            var created = calls.call(on, PLANNER, "POST", "/api/events/" + event + "/rounds", "{}");
            if (created == null || created.status() != 201) {
                continue;
            }
            int number = created.json().get("round").asInt();
            var solve = calls.call(on, PLANNER, "POST", "/api/events/" + event + "/rounds/" + number
                    + "/solve?seconds=1", null);
            if (solve != null && solve.status() == 202) {
                model.crowdRounds.add(new PromiseModel.CrowdRound(event, number));
                queued++;
            }
        }
        return queued + " rounds of other events queued on i" + on.slot();
    }

    /**
     * The end of a sequence: what is still solving is stopped, and every round solved by a live instance must
     * end (a dead instance's round is left to the recovery: the next sequences run on other events).
     */
    private List<Broken> settle(PromiseModel model, Calls calls) {
        var watched = new ArrayList<PromiseModel.CrowdRound>();
        model.rounds.forEach(round -> watched.add(new PromiseModel.CrowdRound(model.eventId, round.number())));
        watched.addAll(model.crowdRounds);
        var broken = new ArrayList<Broken>();
        var live = instances.live();
        for (var round : watched) {
            var row = checker.round(round.eventId(), round.number());
            if (row != null && isRunning(row) && !instances.dead().contains(row.claimedBy())) {
                calls.call(live.get(0), PLANNER, "DELETE", "/api/events/" + round.eventId() + "/rounds/"
                        + round.number() + "/solve", null);
            }
        }
        long deadline = System.nanoTime() + END_OF_ROUND.toNanos();
        for (var round : watched) {
            while (true) {
                var row = checker.round(round.eventId(), round.number());
                if (row == null || !isRunning(row) || instances.dead().contains(row.claimedBy())) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    broken.add(new Broken(Invariant.ROUND_ENDS, "round " + round.number() + " of " + round.eventId()
                            + " still " + row.status() + " " + END_OF_ROUND.toSeconds() + " s after it was stopped"));
                    break;
                }
                pause(20);
            }
        }
        return broken;
    }

    private InvariantChecker.RoundRow running(String eventId) {
        return checker.rounds(eventId).stream().filter(SequenceRunner::isRunning).findFirst().orElse(null);
    }

    private static boolean isRunning(InvariantChecker.RoundRow round) {
        return round.status().equals("SOLVING") || round.status().equals("QUEUED");
    }

    private static String status(ApiClient.Response answer) {
        return answer == null ? "no answer" : String.valueOf(answer.status());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The calls of one step: their answers, and the broken promise of any 5xx or lost answer. */
    private final class Calls {
        final List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Broken> broken = java.util.Collections.synchronizedList(new ArrayList<>());

        ApiClient.Response call(Instance on, String caller, String method, String path, String body) {
            return call(on, caller, method, path, body == null ? null : ApiClient.Body.json(body), Map.of());
        }

        ApiClient.Response call(Instance on, String caller, String method, String path, ApiClient.Body body,
                Map<String, String> headers) {
            try {
                var answer = on.api().call(caller, method, path, body, headers);
                answers.add(String.valueOf(answer.status()));
                if (answer.status() >= 500) {
                    broken.add(new Broken(Invariant.NO_5XX, method + " " + path + " on i" + on.slot() + " answered "
                            + answer.status() + ": " + abbreviated(answer.body())));
                }
                return answer;
            } catch (UncheckedIOException e) {
                answers.add("lost");
                if (!instances.dead().contains(on.id())) {
                    broken.add(new Broken(Invariant.NO_5XX, method + " " + path + " on i" + on.slot()
                            + " got no answer: " + e.getCause()));
                }
                return null;
            }
        }
    }

    private static String abbreviated(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
