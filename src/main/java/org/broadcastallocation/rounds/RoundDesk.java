package org.broadcastallocation.rounds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.broadcastallocation.audit.AuditAction;
import org.broadcastallocation.audit.AuditLog;
import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.common.RequestRejected;
import org.broadcastallocation.catalogue.EventCatalogue;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ProblemValidator;
import org.broadcastallocation.problem.ResourceType;
import org.broadcastallocation.problem.Violation;
import org.broadcastallocation.report.AllocationReport;

/**
 * A planner's allocation rounds: snapshot the open requests and the pins (optionally with what-if overrides), solve
 * in the background, stop early, publish. Publishing pins the round's allocations for every later round.
 */
@Service
class RoundDesk {

    private final Rounds rounds;
    private final RoundSolving solving;
    private final EventCatalogue catalogue;
    private final Events events;
    private final RoundOutcomes outcomes;
    private final AuditLog audit;
    private final int defaultSeconds;

    RoundDesk(Rounds rounds, RoundSolving solving, EventCatalogue catalogue, Events events, RoundOutcomes outcomes,
            AuditLog audit, @Value("${broadcast.rounds.default-seconds:30}") int defaultSeconds) {
        this.rounds = rounds;
        this.solving = solving;
        this.catalogue = catalogue;
        this.events = events;
        this.outcomes = outcomes;
        this.audit = audit;
        this.defaultSeconds = defaultSeconds;
    }

    /** What a what-if round changes from the event as it stands; every field optional. */
    public record Overrides(ProblemDocument.Weights weights, Map<ResourceType, Integer> quota,
            List<String> closedResources, Integer seconds) {
        static final Overrides NONE = new Overrides(null, null, null, null);
    }

    /** Snapshots the event as it stands; rounds are numbered one at a time (under the event's lock). */
    @Transactional
    public Rounds.Round create(String eventId, Overrides requested, String actor) {
        var overrides = requested == null ? Overrides.NONE : requested;
        int pinsVersion = events.lockPins(eventId).orElseThrow(() -> new NotFound("event " + eventId));
        var problem = apply(catalogue.currentProblem(eventId), overrides);
        int number = rounds.create(eventId, actor, overrides, problem, pinsVersion, overrides.seconds());
        audit.record(actor, AuditAction.CREATE_ROUND, eventId, "round", String.valueOf(number), null, overrides);
        return rounds.find(eventId, number).orElseThrow();
    }

    /** Claims the round for this instance and solves it in the background, at once or when a solver is free. */
    public Rounds.Round solve(String eventId, int number, Integer seconds, String actor) {
        var round = round(eventId, number);
        if (seconds != null && (seconds < 1 || seconds > 3600)) {
            throw new RequestRejected(List.of(new Violation("query", "seconds", "must be 1 to 3600")));
        }
        int limit = seconds != null ? seconds : round.timeLimitSeconds() != null ? round.timeLimitSeconds()
                : defaultSeconds;
        boolean claimed;
        try {
            claimed = solving.claimAndStart(eventId, number, Duration.ofSeconds(limit));
        } catch (DuplicateKeyException another) {
            throw new AnotherRoundSolving("another round of " + eventId + " is solving or queued; stop it or wait for"
                    + " it");
        }
        if (!claimed) {
            throw new RoundNotSolvable("round " + number + " is " + round(eventId, number).status() + " and cannot be"
                    + " solved now");
        }
        audit.record(actor, AuditAction.SOLVE_ROUND, eventId, "round", String.valueOf(number), null, Map.of("seconds", limit));
        return round(eventId, number);
    }

    /**
     * Stops the round wherever it is being solved (the best found stands), or takes a queued one out of the queue
     * (back to what it was).
     */
    public Rounds.Round stop(String eventId, int number, String actor) {
        var round = round(eventId, number);
        if (!round.status().claimed()) {
            throw new RoundNotSolving("round " + number + " is " + round.status() + ", not solving");
        }
        rounds.requestStop(eventId, number);
        if (!rounds.unqueue(eventId, number)) {
            solving.stopLocally(eventId, number);
        }
        audit.record(actor, AuditAction.STOP_ROUND, eventId, "round", String.valueOf(number), null, null);
        return round(eventId, number);
    }

    /** See {@link RoundOutcomes#publish}. */
    public Rounds.Round publish(String eventId, int number, String actor) {
        events.require(eventId);
        return outcomes.publish(eventId, number, actor);
    }

    public Rounds.Round round(String eventId, int number) {
        events.require(eventId);
        return rounds.find(eventId, number).orElseThrow(() -> new NotFound("round " + number));
    }

    public List<Rounds.Round> all(String eventId) {
        events.require(eventId);
        return rounds.ofEvent(eventId);
    }

    public AllocationReport report(String eventId, int number) {
        var round = round(eventId, number);
        var report = rounds.report(eventId, number).orElseThrow(() -> new RoundHasNoSolution("round " + number + " is "
                + round.status() + " and has no solution yet; solve it first"));
        // The stored report says how the round stood when saved; the round's own status is the truth now.
        return new AllocationReport(report.event(), number, round.status().name(), report.strategy(),
                report.score(), report.solvingMillis(), report.allocations(), report.unassigned(),
                report.constraints(), report.hardViolations(), report.summary(), report.comparison(), report.bounds());
    }

    /** The report as JSON, as {@link #report} would write it, without binding it to records on the way. */
    public String reportJson(String eventId, int number) {
        var round = round(eventId, number);
        var stored = rounds.reportJson(eventId, number).orElseThrow(() -> new RoundHasNoSolution("round " + number
                + " is " + round.status() + " and has no solution yet; solve it first"));
        return ReportJson.asOf(stored, number, round.status().name());
    }

    public ProblemDocument problem(String eventId, int number) {
        round(eventId, number);
        return rounds.problem(eventId, number);
    }

    /** The event as it stands, changed as the what-if asks. */
    private ProblemDocument apply(ProblemDocument problem, Overrides overrides) {
        var event = problem.event();
        var problems = new ArrayList<Violation>();
        var resources = problem.resources();
        if (overrides.closedResources() != null && !overrides.closedResources().isEmpty()) {
            var ids = new HashSet<String>();
            resources.forEach(resource -> ids.add(resource.id()));
            var pinned = new HashSet<String>();
            problem.pinned().forEach(pin -> pinned.add(pin.resource()));
            for (String closed : overrides.closedResources()) {
                if (!ids.contains(closed)) {
                    problems.add(new Violation("closedResources", closed, "is not a resource of the event"));
                } else if (pinned.contains(closed)) {
                    problems.add(new Violation("closedResources", closed, "holds a published allocation"));
                }
            }
            resources = resources.stream().filter(resource -> !overrides.closedResources().contains(resource.id()))
                    .toList();
        }
        if (overrides.seconds() != null && (overrides.seconds() < 1 || overrides.seconds() > 3600)) {
            problems.add(new Violation("body", "seconds", "must be 1 to 3600"));
        }
        var quota = event.quota();
        if (overrides.quota() != null) {
            var merged = new EnumMap<ResourceType, Integer>(ResourceType.class);
            if (quota != null) {
                merged.putAll(quota);
            }
            overrides.quota().forEach((type, limit) -> {
                if (type == null || limit == null || limit < 0) {
                    problems.add(new Violation("quota", String.valueOf(type), "must be a type and 0 or more"));
                } else {
                    merged.put(type, limit);
                }
            });
            quota = merged;
        }
        if (!problems.isEmpty()) {
            throw new RequestRejected(problems);
        }
        var weights = overrides.weights() == null ? event.weights() : overrides.weights();
        var changed = new ProblemDocument.Event(event.id(), event.name(), event.timeZone(), event.start(), event.end(),
                event.requestDeadline(), event.openingHours(), event.parkingAccessDays(), event.lateIntake(), quota,
                weights);
        var kept = resourceIds(resources);
        var document = new ProblemDocument(changed, problem.zones(), problem.organisations(), resources,
                problem.requests(), problem.pinned(), problem.previousAllocations().stream()
                        .filter(placement -> kept.contains(placement.resource())).toList());
        var invalid = ProblemValidator.validate(document);
        if (!invalid.isEmpty()) {
            throw new RequestRejected(invalid);
        }
        return document;
    }

    private static Set<String> resourceIds(List<ProblemDocument.Resource> resources) {
        var ids = new HashSet<String>();
        resources.forEach(resource -> ids.add(resource.id()));
        return ids;
    }
}
