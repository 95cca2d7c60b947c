package org.broadcastallocation.notifications;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Notifications", description = "Signed webhooks and e-mail, sent from an outbox after each publish,"
        + " rejection and cancellation. A key manages its own organisation's; a planner acts for any"
        + " (?organisation=) or registers staff endpoints (none named); operators read.")
class NotificationsController {

    private final NotificationDesk desk;

    NotificationsController(NotificationDesk desk) {
        this.desk = desk;
    }

    record NewEndpoint(String url, List<String> events) {
    }

    /** The one answer with the endpoint's secret (Standard Webhooks: whsec_ and base64). */
    record EndpointWithSecret(String id, String organisation, String url, List<String> events, String secret) {
        static EndpointWithSecret of(NotificationDesk.WithSecret made) {
            var endpoint = made.endpoint();
            return new EndpointWithSecret(endpoint.id(), endpoint.organisation(), endpoint.url(), endpoint.events(),
                    made.secret());
        }
    }

    record Addresses(List<String> addresses) {
    }

    @PostMapping("/api/events/{event}/webhooks")
    @Operation(summary = "Register a webhook endpoint (answer carries its signing secret, shown once)",
            description = "events: any of round.published, request.rejected, allocation.released, offer.made,"
                    + " offer.expired, and for a staff endpoint request.late (none: all its own). Loopback, private"
                    + " and link-local targets are refused unless"
                    + " broadcast.webhooks.allow-private-addresses is set.")
    ResponseEntity<EndpointWithSecret> add(@PathVariable String event,
            @RequestParam(required = false) String organisation, @RequestBody NewEndpoint body,
            Authentication caller) {
        var made = desk.addEndpoint(Caller.of(caller), event, organisation, body.url(), body.events());
        return ResponseEntity.created(URI.create("/api/events/" + event + "/webhooks/" + made.endpoint().id()))
                .body(EndpointWithSecret.of(made));
    }

    @GetMapping("/api/events/{event}/webhooks")
    @Operation(summary = "Webhook endpoints (without secrets): a key's own; staff all, or ?organisation=")
    List<WebhookEndpoints.Endpoint> endpoints(@PathVariable String event,
            @RequestParam(required = false) String organisation, Authentication caller) {
        return desk.endpoints(Caller.of(caller), event, organisation);
    }

    @DeleteMapping("/api/events/{event}/webhooks/{id}")
    @Operation(summary = "Delete a webhook endpoint; its undelivered messages are given up")
    ResponseEntity<Void> delete(@PathVariable String event, @PathVariable String id, Authentication caller) {
        desk.deleteEndpoint(Caller.of(caller), event, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/events/{event}/webhooks/{id}/secret")
    @Operation(summary = "Rotate an endpoint's signing secret (the new one is shown once; the old stops at once)")
    EndpointWithSecret rotate(@PathVariable String event, @PathVariable String id, Authentication caller) {
        return EndpointWithSecret.of(desk.rotateSecret(Caller.of(caller), event, id));
    }

    @GetMapping("/api/events/{event}/deliveries")
    @Operation(summary = "Messages sent or to send, newest first, each with every attempt (status, time, next try)")
    List<Outbox.Delivery> deliveries(@PathVariable String event,
            @RequestParam(required = false) String organisation,
            @RequestParam(defaultValue = "100") int limit, Authentication caller) {
        return desk.deliveries(Caller.of(caller), event, organisation, limit);
    }

    @PostMapping("/api/events/{event}/deliveries/{id}/redeliver")
    @Operation(summary = "A planner sends a message again, now (after a receiver's fix, or one given up)")
    ResponseEntity<Void> redeliver(@PathVariable String event, @PathVariable long id, Authentication caller) {
        desk.redeliver(Caller.of(caller), event, id);
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/api/events/{event}/contacts")
    @Operation(summary = "An organisation's notification e-mail addresses, and whether e-mail is on")
    NotificationDesk.Contacts contacts(@PathVariable String event,
            @RequestParam(required = false) String organisation, Authentication caller) {
        return desk.contacts(Caller.of(caller), event, organisation);
    }

    @PutMapping("/api/events/{event}/contacts")
    @Operation(summary = "Replace an organisation's notification e-mail addresses (at most 20)")
    NotificationDesk.Contacts setContacts(@PathVariable String event,
            @RequestParam(required = false) String organisation, @RequestBody Addresses body,
            Authentication caller) {
        return desk.setContacts(Caller.of(caller), event, organisation, body.addresses());
    }
}
