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

import org.broadcastallocation.audit.AuditLog;
import org.broadcastallocation.common.Conflict;
import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.common.RequestRejected;
import org.broadcastallocation.events.EventCatalogue;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ProblemValidator;
import org.broadcastallocation.problem.ResourceType;
import org.broadcastallocation.problem.Violation;
import org.broadcastallocation.report.AllocationReport;
import org.broadcastallocation.requests.Pins;
import org.broadcastallocation.requests.RequestStatus;
import org.broadcastallocation.requests.Requests;

/**
 * A planner's allocation rounds: snapshot the open requests and the pins (optionally with what-if overrides), solve
 * in the background, stop early, publish. Publishing pins the round's allocations for every later round.
 */
@Service
public class RoundDesk {

    private final Rounds rounds;
    private final RoundSolving solving;
    private final EventCatalogue catalogue;
    private final Events events;
    private final Requests requests;
    private final Pins pins;
    private final AuditLog audit;
    private final int defaultSeconds;

    public RoundDesk(Rounds rounds, RoundSolving solving, EventCatalogue catalogue, Events events, Requests requests,
            Pins pins, AuditLog audit, @Value("${broadcast.rounds.default-seconds:30}") int defaultSeconds) {
        this.rounds = rounds;
        this.solving = solving;
        this.catalogue = catalogue;
        this.events = events;
        this.requests = requests;
        this.pins = pins;
        this.audit = audit;
        this.defaultSeconds = defaultSeconds;
    }

    /** What a what-if round changes from the event as it stands; every field optional. */
    public record Overrides(ProblemDocument.Weights weights, Map<ResourceType, Integer> quota,
            List<String> closedResources, Integer seconds) {
        static final Overrides NONE = new Overrides(null, null, null, null);
    }

    @Transactional
    public Rounds.Round create(String eventId, Overrides requested, String actor) {
        var overrides = requested == null ? Overrides.NONE : requested;
        var stored = catalogue.event(eventId);
        var problem = apply(catalogue.currentProblem(eventId), overrides);
        int number = rounds.create(eventId, actor, overrides, problem, stored.pinsVersion(), overrides.seconds());
        audit.record(actor, "CREATE_ROUND", eventId, "round", String.valueOf(number), null, overrides);
        return rounds.find(eventId, number).orElseThrow();
    }

    /** Claims the round for this instance and solves it in the background. */
    public Rounds.Round solve(String eventId, int number, Integer seconds, String actor) {
        var round = round(eventId, number);
        if (seconds != null && (seconds < 1 || seconds > 3600)) {
            throw new RequestRejected(List.of(new Violation("query", "seconds", "must be 1 to 3600")));
        }
        boolean claimed;
        try {
            claimed = rounds.claim(eventId, number, solving.instance());
        } catch (DuplicateKeyException another) {
            throw new Conflict("another round of " + eventId + " is solving; stop it or wait for it");
        }
        if (!claimed) {
            throw new Conflict("round " + number + " is " + round(eventId, number).status() + " and cannot be solved"
                    + " now");
        }
        int limit = seconds != null ? seconds : round.timeLimitSeconds() != null ? round.timeLimitSeconds()
                : defaultSeconds;
        solving.start(eventId, number, Duration.ofSeconds(limit));
        audit.record(actor, "SOLVE_ROUND", eventId, "round", String.valueOf(number), null, Map.of("seconds", limit));
        return round(eventId, number);
    }

    /** Stops the round wherever it is being solved; the best found stands. */
    public Rounds.Round stop(String eventId, int number, String actor) {
        var round = round(eventId, number);
        if (round.status() != RoundStatus.SOLVING) {
            throw new Conflict("round " + number + " is " + round.status() + ", not solving");
        }
        rounds.requestStop(eventId, number);
        solving.stopLocally(eventId, number);
        audit.record(actor, "STOP_ROUND", eventId, "round", String.valueOf(number), null, null);
        return round(eventId, number);
    }

    /**
     * Pins the round's allocations: they become promises no later round moves. Only an ended, feasible round, once,
     * and only if no other round was published since it was snapshotted.
     */
    @Transactional
    public Rounds.Round publish(String eventId, int number, String actor) {
        var round = rounds.lock(eventId, number).orElseThrow(() -> new NotFound("round " + number));
        if (round.status() == RoundStatus.PUBLISHED) {
            throw new Conflict("round " + number + " is published already");
        }
        if (!round.status().ended()) {
            throw new Conflict("round " + number + " is " + round.status() + "; only a finished round is published");
        }
        if (round.hard() == null || round.hard() < 0) {
            throw new Conflict("round " + number + " breaks hard rules (" + round.hard() + " hard) and cannot be"
                    + " published");
        }
        var event = catalogue.event(eventId);
        if (event.pinsVersion() != round.pinsVersion()) {
            throw new Conflict("round " + number + " was built on pins that changed since (another round was"
                    + " published); create a new round");
        }
        var report = rounds.report(eventId, number).orElseThrow(() -> new Conflict("round " + number
                + " has no solution"));
        var open = new HashSet<String>();
        requests.withStatus(eventId, List.of(RequestStatus.SUBMITTED, RequestStatus.ALLOCATED,
                RequestStatus.WAITLISTED, RequestStatus.CONFIRMED)).forEach(request -> open.add(request.id()));
        int confirmed = 0;
        for (var allocation : report.allocations()) {
            if (!open.contains(allocation.request())) {
                continue;
            }
            pins.pin(eventId, new Pins.Pin(allocation.request(), allocation.resource(), allocation.start(),
                    allocation.end(), number));
            requests.setOutcome(eventId, allocation.request(), RequestStatus.CONFIRMED, List.of());
            confirmed++;
        }
        for (var unassigned : report.unassigned()) {
            requests.setOutcome(eventId, unassigned.request(), RequestStatus.WAITLISTED,
                    unassigned.broadcasterReasons());
        }
        events.bumpPinsVersion(eventId);
        rounds.markPublished(eventId, number, actor);
        audit.record(actor, "PUBLISH_ROUND", eventId, "round", String.valueOf(number), null,
                Map.of("confirmed", confirmed, "waitlisted", report.unassigned().size(), "score", report.score()));
        return round(eventId, number);
    }

    public Rounds.Round round(String eventId, int number) {
        catalogue.event(eventId);
        return rounds.find(eventId, number).orElseThrow(() -> new NotFound("round " + number));
    }

    public List<Rounds.Round> all(String eventId) {
        catalogue.event(eventId);
        return rounds.ofEvent(eventId);
    }

    public AllocationReport report(String eventId, int number) {
        var round = round(eventId, number);
        var report = rounds.report(eventId, number).orElseThrow(() -> new Conflict("round " + number + " is "
                + round.status() + " and has no solution yet; solve it first"));
        // The stored report says how the round stood when saved; the round's own status is the truth now.
        return new AllocationReport(report.event(), number, round.status().name(), report.strategy(),
                report.score(), report.solvingMillis(), report.allocations(), report.unassigned(),
                report.constraints(), report.hardViolations(), report.summary(), report.comparison());
    }

    /** The report as JSON, as {@link #report} would write it, without binding it to records on the way. */
    public String reportJson(String eventId, int number) {
        var round = round(eventId, number);
        var stored = rounds.reportJson(eventId, number).orElseThrow(() -> new Conflict("round " + number + " is "
                + round.status() + " and has no solution yet; solve it first"));
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
