package org.broadcastallocation.requests;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.events.LocalTimes;
import org.broadcastallocation.events.Organisations;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.security.Actor;
import org.broadcastallocation.security.Broadcaster;

@RestController
@Tag(name = "Requests", description = "Broadcasters submit, amend and cancel their requests and read their"
        + " confirmed allocations; planners reject; staff read all.")
class RequestsController {

    private final ObjectMapper json;
    private final RequestDesk desk;
    private final SubmissionDesk submissions;
    private final Pins pins;
    private final Requests requests;
    private final Events events;
    private final Organisations organisations;

    RequestsController(RequestDesk desk, SubmissionDesk submissions, Pins pins, Requests requests, Events events,
            Organisations organisations, ObjectMapper json) {
        this.submissions = submissions;
        this.events = events;
        this.organisations = organisations;
        this.json = json;
        this.desk = desk;
        this.pins = pins;
        this.requests = requests;
    }

    public record Rejection(String reason) {
    }

    public record ConfirmedAllocation(String request, ProblemDocument.Request details, String resource,
            OffsetDateTime start, OffsetDateTime end) {
    }

    @PostMapping("/api/events/{event}/requests")
    @Operation(summary = "Submit a request (Idempotency-Key: a retry returns the first answer, never a duplicate)")
    CompletableFuture<ResponseEntity<String>> submit(@PathVariable String event,
            @RequestBody ProblemDocument.Request body,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @AuthenticationPrincipal Broadcaster caller) {
        // Answered when the group commit is done; the request thread goes back to work meanwhile.
        return submissions.submit(caller, event, body, idempotencyKey)
                .thenApply(submitted -> ResponseEntity.status(submitted.status())
                        .location(URI.create("/api/events/" + event + "/requests/" + submitted.requestId()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(submitted.body()));
    }

    @GetMapping("/api/events/{event}/requests")
    @Operation(summary = "A broadcaster's own requests; planners and operators see every request of the event")
    List<RequestView> list(@PathVariable String event, @AuthenticationPrincipal Broadcaster caller) {
        return desk.list(caller, event);
    }

    @GetMapping("/api/events/{event}/requests/{id}")
    ResponseEntity<RequestView> get(@PathVariable String event, @PathVariable String id,
            @AuthenticationPrincipal Broadcaster caller) {
        var view = desk.get(caller, event, id);
        return ResponseEntity.ok().eTag(etag(view)).body(view);
    }

    @PutMapping("/api/events/{event}/requests/{id}")
    @Operation(summary = "Amend a request: send If-Match with its ETag (or \"version\" in the body); a stale write is"
            + " refused with 412 (If-Match) or 409 (body version)", description = "Before the event's request"
            + " deadline an amendment keeps the request's submittedAt, and so its place. After the deadline an"
            + " amendment is a new late application: refused with 422 (field submittedAt) while late intake is"
            + " closed; while it is open, accepted with the amendment's time as its submittedAt, so that it counts"
            + " as priority 3 and ranks after the organisation's requests on time. Cancelling is allowed at any"
            + " time.")
    ResponseEntity<RequestView> amend(@PathVariable String event, @PathVariable String id,
            @RequestBody JsonNode body, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @AuthenticationPrincipal Broadcaster caller) throws JsonProcessingException {
        // The body is the request's fields plus, for clients that cannot send If-Match, its "version".
        var request = json.treeToValue(body, ProblemDocument.Request.class);
        Integer bodyVersion = body.path("version").canConvertToInt() ? body.path("version").intValue() : null;
        var view = desk.amend(caller, event, id, request, version(ifMatch), bodyVersion);
        return ResponseEntity.ok().eTag(etag(view)).body(view);
    }

    @DeleteMapping("/api/events/{event}/requests/{id}")
    @Operation(summary = "Cancel a request; a confirmed allocation is given back")
    RequestView cancel(@PathVariable String event, @PathVariable String id,
            @AuthenticationPrincipal Broadcaster caller) {
        return desk.cancel(caller, event, id);
    }

    @PostMapping("/api/events/{event}/requests/{id}/reject")
    @Operation(summary = "A planner rejects a request (with a reason, kept in the audit log)")
    RequestView reject(@PathVariable String event, @PathVariable String id,
            @RequestBody(required = false) Rejection rejection, Authentication caller) {
        return desk.reject(Actor.of(caller), event, id, rejection == null ? null : rejection.reason());
    }

    @GetMapping("/api/events/{event}/allocations")
    @Operation(summary = "The caller's confirmed allocations (published rounds only)")
    List<ConfirmedAllocation> allocations(@PathVariable String event, @AuthenticationPrincipal Broadcaster caller) {
        return confirmed(event, organisationOf(caller, event));
    }

    @GetMapping(value = "/api/events/{event}/allocations.ics", produces = "text/calendar")
    @Operation(summary = "The caller's confirmed allocations as an iCalendar feed")
    ResponseEntity<String> calendar(@PathVariable String event, @AuthenticationPrincipal Broadcaster caller) {
        return calendarOf(event, organisationOf(caller, event));
    }

    @GetMapping(value = "/api/events/{event}/organisations/{organisation}/allocations.ics", produces = "text/calendar")
    @Operation(summary = "An organisation's confirmed allocations as an iCalendar feed, for planners and operators")
    ResponseEntity<String> organisationCalendar(@PathVariable String event, @PathVariable String organisation) {
        events.require(event);
        organisations.find(event, organisation).orElseThrow(() -> new NotFound("organisation " + organisation));
        return calendarOf(event, organisation);
    }

    /** The key's organisation, when the key is for this event; another event is "not found", as for requests. */
    private static String organisationOf(Broadcaster caller, String event) {
        if (!caller.eventId().equals(event)) {
            throw new NotFound("event " + event);
        }
        return caller.organisationId();
    }

    private List<ConfirmedAllocation> confirmed(String event, String organisation) {
        var zone = ZoneId.of(events.require(event).event().timeZone());
        return pins.ofOrganisation(event, organisation).stream()
                .map(pin -> new ConfirmedAllocation(pin.requestId(),
                        requests.find(event, pin.requestId()).map(stored -> LocalTimes.request(stored.request(), zone))
                                .orElse(null),
                        pin.resourceId(), LocalTimes.at(pin.start(), zone), LocalTimes.at(pin.end(), zone)))
                .toList();
    }

    private ResponseEntity<String> calendarOf(String event, String organisation) {
        var bookings = confirmed(event, organisation).stream()
                .map(allocation -> new ICalendar.Booking(allocation.request(),
                        allocation.details() == null ? "" : allocation.details().type().name(),
                        allocation.resource(), allocation.start(), allocation.end()))
                .toList();
        var stored = events.require(event).event();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/calendar; charset=utf-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + event + "-" + organisation
                        + ".ics\"")
                .body(ICalendar.of(event, stored.name(), organisation, bookings, OffsetDateTime.now()));
    }

    private static String etag(RequestView view) {
        return "\"" + view.version() + "\"";
    }

    /** {@code If-Match: "3"} (or W/"3", or 3) to 3; anything else is no usable version. */
    static Integer version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
