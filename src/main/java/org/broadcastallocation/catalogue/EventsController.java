package org.broadcastallocation.catalogue;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.broadcastallocation.audit.AuditAction;
import org.broadcastallocation.audit.AuditLog;
import org.broadcastallocation.common.RequestRejected;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.events.LocalTimes;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ResourceType;
import org.broadcastallocation.problem.Violation;
import org.broadcastallocation.security.Actor;

@RestController
@RequestMapping("/api/events")
@Tag(name = "Events", description = "Planners import and export problem documents; operators read.")
class EventsController {

    private final EventCatalogue catalogue;
    private final Events events;
    private final AuditLog audit;

    EventsController(EventCatalogue catalogue, Events events, AuditLog audit) {
        this.catalogue = catalogue;
        this.events = events;
        this.audit = audit;
    }

    /** An event as staff pick it; the opening hours and quota let the console shade the timeline and show quota use. */
    public record EventSummary(String id, String name, String timeZone, String start, String end, boolean lateIntake,
            int publications, OffsetDateTime requestDeadline, List<ProblemDocument.Interval> openingHours,
            Map<ResourceType, Integer> quota) {
        static EventSummary of(Events.StoredEvent stored) {
            var event = stored.event();
            var local = LocalTimes.event(event, ZoneId.of(event.timeZone()));
            return new EventSummary(event.id(), event.name(), event.timeZone(), event.start().toString(),
                    event.end().toString(), event.lateIntakeOpen(), stored.pinsVersion(), local.requestDeadline(),
                    local.openingHours() == null ? List.of() : local.openingHours(),
                    event.quota() == null ? Map.of() : event.quota());
        }
    }

    public record LateIntake(Boolean open) {
    }

    @PostMapping
    @Operation(summary = "Import a problem document as a new event (validated like the command line, all errors at"
            + " once; nothing is imported when anything is wrong)")
    ResponseEntity<EventCatalogue.Imported> importEvent(@RequestBody ProblemDocument document,
            Authentication caller) {
        var imported = catalogue.importDocument(document, Actor.of(caller));
        return ResponseEntity.created(URI.create("/api/events/" + imported.eventId())).body(imported);
    }

    @GetMapping
    List<EventSummary> list() {
        return events.all().stream().map(EventSummary::of).toList();
    }

    @GetMapping("/{event}")
    EventSummary get(@PathVariable String event) {
        return EventSummary.of(events.require(event));
    }

    @GetMapping("/{event}/problem")
    @Operation(summary = "The current problem: open requests, published pins, the last unpublished round's"
            + " placements; a document the command line can solve")
    ProblemDocument problem(@PathVariable String event) {
        return catalogue.currentProblem(event);
    }

    @PutMapping("/{event}/late-intake")
    @Operation(summary = "Open or close late intake (requests after the deadline, counted as priority 3)")
    @Transactional
    LateIntake lateIntake(@PathVariable String event, @RequestBody LateIntake lateIntake, Authentication caller) {
        var before = events.require(event).event().lateIntakeOpen();
        if (lateIntake == null || lateIntake.open() == null) {
            throw new RequestRejected(List.of(new Violation("body", "open", "is missing (true or false)")));
        }
        events.setLateIntake(event, lateIntake.open());
        audit.record(Actor.of(caller), AuditAction.LATE_INTAKE, event, "event", event, new LateIntake(before), lateIntake);
        return lateIntake;
    }

    @GetMapping("/{event}/audit")
    @Operation(summary = "The audit log of the event: who changed what, when, before and after (read-only)")
    List<AuditLog.Entry> auditLog(@PathVariable String event,
            @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "200") int limit) {
        events.require(event);
        return audit.forEvent(event, after, Math.max(1, Math.min(limit, 1000)));
    }
}
