package org.broadcastallocation.notifications;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.requests.ICalendar;
import org.broadcastallocation.requests.Pins;
import org.broadcastallocation.requests.Requests;

@RestController
@Tag(name = "Calendar feeds", description = "Subscription addresses with a secret in them, so that Outlook,"
        + " Google Calendar and Apple Calendar follow an organisation's confirmed bookings without headers.")
class CalendarFeedsController {

    private final NotificationDesk desk;
    private final CalendarFeeds feeds;
    private final Events events;
    private final Pins pins;
    private final Requests requests;

    CalendarFeedsController(NotificationDesk desk, CalendarFeeds feeds, Events events, Pins pins,
            Requests requests) {
        this.desk = desk;
        this.feeds = feeds;
        this.events = events;
        this.pins = pins;
        this.requests = requests;
    }

    /** A feed's address: https, and the same as webcal:// for apps that subscribe by a click. */
    record FeedAddress(String id, String organisation, String url, String webcal) {
    }

    @PostMapping("/api/events/{event}/calendar-feeds")
    @Operation(summary = "Make a calendar feed for an organisation (its address, with the secret, is shown once)")
    ResponseEntity<FeedAddress> create(@PathVariable String event,
            @RequestParam(required = false) String organisation, Authentication caller) {
        var made = desk.createFeed(Caller.of(caller), event, organisation);
        return ResponseEntity.created(URI.create("/api/events/" + event + "/calendar-feeds/" + made.feed().id()))
                .body(address(made));
    }

    @GetMapping("/api/events/{event}/calendar-feeds")
    @Operation(summary = "Calendar feeds (never their addresses): a key's own; staff all, or ?organisation=")
    List<CalendarFeeds.Feed> list(@PathVariable String event, @RequestParam(required = false) String organisation,
            Authentication caller) {
        return desk.feeds(Caller.of(caller), event, organisation);
    }

    @PostMapping("/api/events/{event}/calendar-feeds/{id}/rotate")
    @Operation(summary = "A new secret address for the feed; the old address answers 404 from now on")
    FeedAddress rotate(@PathVariable String event, @PathVariable String id, Authentication caller) {
        return address(desk.rotateFeed(Caller.of(caller), event, id));
    }

    @DeleteMapping("/api/events/{event}/calendar-feeds/{id}")
    @Operation(summary = "Revoke a calendar feed; its address answers 404 from now on")
    ResponseEntity<Void> revoke(@PathVariable String event, @PathVariable String id, Authentication caller) {
        desk.revokeFeed(Caller.of(caller), event, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(value = "/calendars/{token}.ics", produces = "text/calendar")
    @Operation(summary = "The feed itself: no credentials (the secret is the address); ETag and Last-Modified,"
            + " 304 on If-None-Match", security = {})
    ResponseEntity<String> feed(@PathVariable String token,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        var subscription = feeds.opened(token).orElseThrow(() -> new NotFound("calendar feed"));
        String eventId = subscription.eventId();
        var event = events.require(eventId).event();
        var zone = ZoneId.of(event.timeZone());
        var own = requests.ofOrganisation(eventId, subscription.organisationId());
        var bookings = pins.ofOrganisation(eventId, subscription.organisationId()).stream()
                .map(pin -> new ICalendar.Booking(pin.requestId(), own.stream()
                        .filter(request -> request.id().equals(pin.requestId())).findFirst()
                        .map(request -> request.request().type().name()).orElse(""), pin.resourceId(),
                        pin.start(), pin.end()))
                .toList();
        // The stamp is the last change, not now: the same bookings give the same bytes, so the ETag holds.
        var changed = feeds.lastChange(eventId, subscription.organisationId())
                .orElse(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)).withNano(0);
        String body = ICalendar.of(eventId, event.name(), subscription.organisationId(), bookings, changed, zone);
        String etag = "\"" + CalendarFeeds.hash(body).substring(0, 32) + "\"";
        var headers = ResponseEntity.status(HttpStatus.OK).eTag(etag).lastModified(changed.toInstant())
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (ifNoneMatch != null && List.of(ifNoneMatch.split("\\s*,\\s*")).contains(etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).lastModified(changed.toInstant())
                    .build();
        }
        return headers.contentType(MediaType.parseMediaType("text/calendar; charset=utf-8")).body(body);
    }

    private static FeedAddress address(CalendarFeeds.WithSecret made) {
        String url = ServletUriComponentsBuilder.fromCurrentContextPath().path("/calendars/{token}.ics")
                .buildAndExpand(made.token()).toUriString();
        return new FeedAddress(made.feed().id(), made.feed().organisation(), url,
                url.replaceFirst("^https?://", "webcal://"));
    }
}
