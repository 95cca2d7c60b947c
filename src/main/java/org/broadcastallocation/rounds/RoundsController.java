package org.broadcastallocation.rounds;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

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

import org.broadcastallocation.engine.AllocationEngine;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.problem.ResourceType;
import org.broadcastallocation.report.AllocationReport;
import org.broadcastallocation.report.ReportCsv;
import org.broadcastallocation.report.ReportWorkbook;
import org.broadcastallocation.security.Actor;

@RestController
@RequestMapping("/api/events/{event}/rounds")
@Tag(name = "Rounds", description = "Planners run and publish allocation rounds; operators read their reports.")
class RoundsController {

    private final RoundDesk desk;
    private final Rounds rounds;
    private final RoundProgress progress;
    private final Events events;
    private final AllocationEngine engine;

    RoundsController(RoundDesk desk, Rounds rounds, RoundProgress progress, Events events,
            AllocationEngine engine) {
        this.desk = desk;
        this.rounds = rounds;
        this.progress = progress;
        this.events = events;
        this.engine = engine;
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
    List<RoundAnalysis.RuleAnalysis> analysis(@PathVariable String event, @PathVariable int round) {
        var problem = desk.problem(event, round);
        desk.report(event, round);
        return RoundAnalysis.of(problem, rounds.allocations(event, round), engine.scoring());
    }

    @GetMapping("/{round}/timeline")
    @Operation(summary = "Per resource (of ?type=, or all), its allocations in time order")
    List<RoundTimeline.Lane> timeline(@PathVariable String event, @PathVariable int round,
            @RequestParam(required = false) ResourceType type) {
        desk.round(event, round);
        return RoundTimeline.of(rounds.snapshotSite(event, round), rounds.allocations(event, round), type);
    }

    @GetMapping("/{round}/diff/{other}")
    @Operation(summary = "What changed from this round to the other: moved, newly served, newly unserved")
    RoundDiff diff(@PathVariable String event, @PathVariable int round, @PathVariable int other) {
        desk.round(event, round);
        desk.round(event, other);
        return RoundDiff.between(round, rounds.allocations(event, round), other, rounds.allocations(event, other));
    }

    private RoundView view(Rounds.Round round) {
        return RoundView.of(round, events.require(round.eventId()), OffsetDateTime.now());
    }
}
