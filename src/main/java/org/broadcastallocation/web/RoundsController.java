package org.broadcastallocation.web;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.core.type.TypeReference;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import org.broadcastallocation.allocation.Justification;
import org.broadcastallocation.allocation.Placement;
import org.broadcastallocation.allocation.PlanResource;
import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.engine.AllocationEngine;
import org.broadcastallocation.events.EventCatalogue;
import org.broadcastallocation.events.JsonColumns;
import org.broadcastallocation.events.LocalTimes;
import org.broadcastallocation.problem.ResourceType;
import org.broadcastallocation.report.AllocationReport;
import org.broadcastallocation.report.ReportCsv;
import org.broadcastallocation.report.ReportWorkbook;
import org.broadcastallocation.rounds.RoundDesk;
import org.broadcastallocation.rounds.RoundKind;
import org.broadcastallocation.rounds.RoundProgress;
import org.broadcastallocation.rounds.RoundStatus;
import org.broadcastallocation.rounds.Rounds;

@RestController
@RequestMapping("/api/events/{event}/rounds")
@Tag(name = "Rounds", description = "Planners run and publish allocation rounds; operators read their reports.")
public class RoundsController {

    private static final TypeReference<List<Rounds.LeftOut>> LEFT_OUT = new TypeReference<>() { };

    private final RoundDesk desk;
    private final Rounds rounds;
    private final RoundProgress progress;
    private final EventCatalogue catalogue;
    private final AllocationEngine engine;

    public RoundsController(RoundDesk desk, Rounds rounds, RoundProgress progress, EventCatalogue catalogue,
            AllocationEngine engine) {
        this.desk = desk;
        this.rounds = rounds;
        this.progress = progress;
        this.catalogue = catalogue;
        this.engine = engine;
    }

    /**
     * A round as a planner follows it. {@code stale}: another round was published since this one's snapshot.
     * {@code leftOut}: what its publish did not confirm although the round placed it, and why. {@code kind}: FULL, or
     * FILL (planned at once for a freed place; its publish offers rather than confirms).
     */
    public record RoundView(String event, int round, RoundStatus status, AllocationReport.Score score,
            Long solvingMillis, Long elapsedMillis, int pinsVersion, boolean stale, String createdBy,
            OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime endedAt, OffsetDateTime publishedAt,
            String publishedBy, String solvingOn, List<Rounds.LeftOut> leftOut, RoundKind kind) {
    }

    public record Change(String request, String before, String after) {
    }

    public record Diff(int round, int other, int moved, int newlyServed, int newlyUnserved, List<Change> changes) {
    }

    /** {@code byHand}: a planner placed it there by hand in this round. */
    public record Bar(String request, String organisation, OffsetDateTime start, OffsetDateTime end, boolean pinned,
            boolean byHand) {
    }

    public record Lane(String resource, ResourceType type, List<Bar> allocations) {
    }

    public record RuleAnalysis(String name, String level, long score, int matches, List<String> justifications) {
    }

    @PostMapping
    @Operation(summary = "Snapshot the open requests and current pins as a new round; optional what-if overrides"
            + " (weights, quota, closedResources, seconds)")
    ResponseEntity<RoundView> create(@PathVariable String event,
            @RequestBody(required = false) RoundDesk.Overrides overrides, Authentication caller) {
        var round = desk.create(event, overrides, Actor.of(caller));
        return ResponseEntity.created(URI.create("/api/events/" + event + "/rounds/" + round.number()))
                .body(view(round));
    }

    @GetMapping
    List<RoundView> list(@PathVariable String event) {
        return desk.all(event).stream().map(this::view).toList();
    }

    @GetMapping("/{round}")
    RoundView get(@PathVariable String event, @PathVariable int round) {
        return view(desk.round(event, round));
    }

    @PostMapping("/{round}/solve")
    @Operation(summary = "Solve in the background (202); ?seconds= limits the time. A round is solved by one"
            + " service instance only")
    ResponseEntity<RoundView> solve(@PathVariable String event, @PathVariable int round,
            @RequestParam(required = false) Integer seconds, Authentication caller) {
        return ResponseEntity.accepted().body(view(desk.solve(event, round, seconds, Actor.of(caller))));
    }

    @DeleteMapping("/{round}/solve")
    @Operation(summary = "Stop early; the best solution found stands (status STOPPED)")
    RoundView stop(@PathVariable String event, @PathVariable int round, Authentication caller) {
        return view(desk.stop(event, round, Actor.of(caller)));
    }

    @PostMapping("/{round}/publish")
    @Operation(summary = "Pin the round's allocations: confirmed for the broadcasters, kept by every later round",
            description = "Publishing is serialised per event: of two rounds built on the same pins one publishes and"
                    + " the other is refused as stale (409). A request amended or withdrawn since the round's"
                    + " snapshot, or placed on a resource deleted, closed or changed since, is not confirmed: it is"
                    + " listed in leftOut with the reason and takes part in the next round as it is now.")
    RoundView publish(@PathVariable String event, @PathVariable int round, Authentication caller) {
        return view(desk.publish(event, round, Actor.of(caller)));
    }

    @GetMapping(value = "/{round}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events: the best score as it improves ('best'), then the end ('end')")
    SseEmitter progress(@PathVariable String event, @PathVariable int round) {
        var current = desk.round(event, round);
        var update = new RoundProgress.Update(event, round, current.status().name(),
                current.solvingMillis() == null ? 0 : current.solvingMillis(), current.hard(), current.medium(),
                current.soft());
        return progress.watch(event, round, update, !current.status().claimed());
    }

    @GetMapping(value = "/{round}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The allocation report (spec JSON); Accept: text/csv for CSV, or the XLSX media type")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = AllocationReport.class)))
    ResponseEntity<String> report(@PathVariable String event, @PathVariable int round) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(desk.reportJson(event, round));
    }

    @GetMapping(value = "/{round}/report", produces = "text/csv")
    ResponseEntity<String> reportCsv(@PathVariable String event, @PathVariable int round) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=utf-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + event + "-round-" + round
                        + ".csv\"")
                .body(ReportCsv.of(desk.report(event, round)));
    }

    @GetMapping(value = "/{round}/report", produces = ReportWorkbook.MEDIA_TYPE)
    @Operation(summary = "The allocation report as an XLSX workbook (Accept: " + ReportWorkbook.MEDIA_TYPE + "):"
            + " a sheet per resource type and one of the unassigned requests")
    ResponseEntity<byte[]> reportWorkbook(@PathVariable String event, @PathVariable int round) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(ReportWorkbook.MEDIA_TYPE))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + event + "-round-" + round
                        + ".xlsx\"")
                .body(ReportWorkbook.of(desk.report(event, round)));
    }

    @GetMapping("/{round}/analysis")
    @Operation(summary = "Timefold's score analysis of the round's solution: per rule, its total and each match in"
            + " words")
    List<RuleAnalysis> analysis(@PathVariable String event, @PathVariable int round) {
        var problem = desk.problem(event, round);
        desk.report(event, round);
        var plan = PlanBuilder.build(problem);
        var placed = new HashMap<String, Rounds.Placed>();
        rounds.allocations(event, round).forEach(allocation -> placed.put(allocation.requestId(), allocation));
        var resources = new HashMap<String, PlanResource>();
        plan.getResources().forEach(resource -> resources.put(resource.id(), resource));
        for (var booking : plan.getBookings()) {
            var allocation = placed.get(booking.getId());
            if (allocation == null) {
                booking.setPlacement(null);
            } else {
                int start = plan.getTimeline().minutes(allocation.start());
                booking.setPlacement(new Placement(
                        resources.get(allocation.resourceId()), start, start + booking.getDemand().durationMinutes()));
            }
        }
        var analysis = engine.scoring().analyze(plan, true);
        var rules = new ArrayList<RuleAnalysis>();
        for (var constraint : analysis.constraintAnalyses()) {
            var score = constraint.score();
            String level = score.hardScore() != 0 ? "hard" : score.mediumScore() != 0 ? "medium" : "soft";
            long total = score.hardScore() != 0 ? score.hardScore() : score.mediumScore() != 0
                    ? score.mediumScore() : score.softScore();
            var texts = constraint.matches() == null ? List.<String>of() : constraint.matches().stream()
                    .map(match -> ((Justification) match.justification()).describe(plan.getTimeline())).toList();
            rules.add(new RuleAnalysis(constraint.constraintName(), level, total, constraint.matchCount(), texts));
        }
        return rules;
    }

    @GetMapping("/{round}/timeline")
    @Operation(summary = "Per resource (of ?type=, or all), its allocations in time order")
    List<Lane> timeline(@PathVariable String event, @PathVariable int round,
            @RequestParam(required = false) ResourceType type) {
        desk.round(event, round);
        var site = rounds.snapshotSite(event, round);
        var zone = ZoneId.of(site.timeZone());
        var organisations = site.organisationOfRequest();
        var lanes = new LinkedHashMap<String, Lane>();
        site.resources().stream().filter(resource -> type == null || resource.type() == type)
                .forEach(resource -> lanes.put(resource.id(), new Lane(resource.id(), resource.type(),
                        new ArrayList<>())));
        for (var allocation : rounds.allocations(event, round)) {
            var lane = lanes.get(allocation.resourceId());
            if (lane != null) {
                lane.allocations().add(new Bar(allocation.requestId(), organisations.get(allocation.requestId()),
                        LocalTimes.at(allocation.start(), zone), LocalTimes.at(allocation.end(), zone),
                        allocation.pinned(), allocation.byHand()));
            }
        }
        return List.copyOf(lanes.values());
    }

    @GetMapping("/{round}/diff/{other}")
    @Operation(summary = "What changed from this round to the other: moved, newly served, newly unserved")
    Diff diff(@PathVariable String event, @PathVariable int round, @PathVariable int other) {
        desk.round(event, round);
        desk.round(event, other);
        var before = placements(event, round);
        var after = placements(event, other);
        var requests = new TreeSet<String>(before.keySet());
        requests.addAll(after.keySet());
        var changes = new ArrayList<Change>();
        int moved = 0;
        int served = 0;
        int unserved = 0;
        for (String request : requests) {
            String from = before.get(request);
            String to = after.get(request);
            if (from == null) {
                served++;
            } else if (to == null) {
                unserved++;
            } else if (!from.equals(to)) {
                moved++;
            } else {
                continue;
            }
            changes.add(new Change(request, from, to));
        }
        return new Diff(round, other, moved, served, unserved, changes);
    }

    private Map<String, String> placements(String event, int round) {
        var placements = new HashMap<String, String>();
        rounds.allocations(event, round).forEach(allocation -> placements.put(allocation.requestId(),
                allocation.resourceId() + " " + allocation.start().toInstant()));
        return placements;
    }

    private RoundView view(Rounds.Round round) {
        var event = catalogue.event(round.eventId());
        var zone = ZoneId.of(event.event().timeZone());
        var score = round.hard() == null ? null : new AllocationReport.Score(round.hard(), round.medium(),
                round.soft(), round.hard() == 0);
        Long elapsed = round.startedAt() == null ? null
                : Duration.between(round.startedAt(), round.endedAt() == null ? OffsetDateTime.now()
                        : round.endedAt()).toMillis();
        return new RoundView(round.eventId(), round.number(), round.status(), score, round.solvingMillis(), elapsed,
                round.pinsVersion(), round.pinsVersion() != event.pinsVersion(), round.createdBy(),
                LocalTimes.at(round.createdAt(), zone), LocalTimes.at(round.startedAt(), zone),
                LocalTimes.at(round.endedAt(), zone), LocalTimes.at(round.publishedAt(), zone), round.publishedBy(),
                round.status().claimed() ? round.claimedBy() : null, JsonColumns.read(round.leftOut(), LEFT_OUT),
                round.kind());
    }
}
