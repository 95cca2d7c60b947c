package org.broadcastallocation.notifications;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.broadcastallocation.audit.AuditLog;
import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.common.RequestRejected;
import org.broadcastallocation.audit.AuditAction;
import org.broadcastallocation.events.Organisations;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.problem.ProblemValidator;
import org.broadcastallocation.problem.Violation;

/**
 * Where an organisation (or a planner for it) says how it wants to hear: webhook endpoints, contact addresses,
 * calendar feeds; and where it reads what was sent. Every change is audited in its own transaction.
 */
@Service
class NotificationDesk {

    static final int MAX_ADDRESSES = 20;
    private static final int MAX_ADDRESS = 254;

    private final Organisations organisations;
    private final Events events;
    private final WebhookEndpoints endpoints;
    private final WebhookTargets targets;
    private final ContactAddresses contacts;
    private final CalendarFeeds feeds;
    private final Outbox outbox;
    private final MailSetting mail;
    private final AuditLog audit;

    NotificationDesk(Organisations organisations, Events events, WebhookEndpoints endpoints, WebhookTargets targets,
            ContactAddresses contacts, CalendarFeeds feeds, Outbox outbox, MailSetting mail, AuditLog audit) {
        this.organisations = organisations;
        this.events = events;
        this.endpoints = endpoints;
        this.targets = targets;
        this.contacts = contacts;
        this.feeds = feeds;
        this.outbox = outbox;
        this.mail = mail;
        this.audit = audit;
    }

    /** An endpoint as made or rotated: the one answer that carries its secret. */
    record WithSecret(WebhookEndpoints.Endpoint endpoint, String secret) {
    }

    record Contacts(String organisation, List<String> addresses, String email) {
    }

    @Transactional
    WithSecret addEndpoint(Caller caller, String eventId, String organisation, String url, List<String> types) {
        String owner = known(eventId, caller.organisation(eventId, organisation));
        var offered = owner == null ? WebhookEndpoints.TYPES : WebhookEndpoints.ORGANISATION_TYPES;
        var wanted = types == null || types.isEmpty() ? offered : List.copyOf(new LinkedHashSet<>(types));
        var staffOnly = wanted.stream().filter(type -> owner != null && WebhookEndpoints.STAFF_ONLY.contains(type))
                .toList();
        if (!staffOnly.isEmpty()) {
            throw new RequestRejected(List.of(new Violation("body", "events", staffOnly + " is told to staff"
                    + " endpoints only; an organisation's endpoint may ask for " + offered)));
        }
        var unknown = wanted.stream().filter(type -> !offered.contains(type)).toList();
        if (!unknown.isEmpty()) {
            throw new RequestRejected(List.of(new Violation("body", "events", "unknown " + unknown + "; known: "
                    + offered)));
        }
        var uri = targets.checked(url);
        String secret = WebhookSignature.newSecret();
        var endpoint = endpoints.add(eventId, owner, uri.toString(), wanted, secret, caller.name());
        audit.record(caller.name(), AuditAction.ADD_WEBHOOK, eventId, "webhook", endpoint.id(), null, endpoint);
        return new WithSecret(endpoint, secret);
    }

    List<WebhookEndpoints.Endpoint> endpoints(Caller caller, String eventId, String organisation) {
        return endpoints.list(eventId, known(eventId, caller.organisation(eventId, organisation)));
    }

    @Transactional
    void deleteEndpoint(Caller caller, String eventId, String id) {
        var endpoint = reachable(caller, eventId, id);
        endpoints.delete(eventId, id);
        audit.record(caller.name(), AuditAction.DELETE_WEBHOOK, eventId, "webhook", id, endpoint, null);
    }

    @Transactional
    WithSecret rotateSecret(Caller caller, String eventId, String id) {
        var endpoint = reachable(caller, eventId, id);
        String secret = WebhookSignature.newSecret();
        endpoints.replaceSecret(eventId, id, secret);
        audit.record(caller.name(), AuditAction.ROTATE_WEBHOOK_SECRET, eventId, "webhook", id, null, Map.of("url",
                endpoint.url()));
        return new WithSecret(endpoint, secret);
    }

    List<Outbox.Delivery> deliveries(Caller caller, String eventId, String organisation, int limit) {
        return outbox.deliveries(eventId, known(eventId, caller.organisation(eventId, organisation)),
                Math.max(1, Math.min(limit, 500)));
    }

    @Transactional
    void redeliver(Caller caller, String eventId, long id) {
        events.require(eventId);
        if (!outbox.redeliver(eventId, id)) {
            throw new NotFound("delivery " + id);
        }
        audit.record(caller.name(), AuditAction.REDELIVER, eventId, "notification", String.valueOf(id), null, null);
    }

    Contacts contacts(Caller caller, String eventId, String organisation) {
        String owner = known(eventId, caller.requiredOrganisation(eventId, organisation));
        return new Contacts(owner, contacts.of(eventId, owner), mail.state());
    }

    @Transactional
    Contacts setContacts(Caller caller, String eventId, String organisation, List<String> addresses) {
        String owner = known(eventId, caller.requiredOrganisation(eventId, organisation));
        var checked = checkedAddresses(addresses);
        var before = contacts.of(eventId, owner);
        contacts.replace(eventId, owner, checked);
        audit.record(caller.name(), AuditAction.SET_CONTACTS, eventId, "organisation", owner, before, checked);
        return new Contacts(owner, contacts.of(eventId, owner), mail.state());
    }

    @Transactional
    CalendarFeeds.WithSecret createFeed(Caller caller, String eventId, String organisation) {
        String owner = known(eventId, caller.requiredOrganisation(eventId, organisation));
        var made = feeds.create(eventId, owner, caller.name());
        audit.record(caller.name(), AuditAction.CREATE_CALENDAR_FEED, eventId, "calendar-feed", made.feed().id(), null,
                made.feed());
        return made;
    }

    List<CalendarFeeds.Feed> feeds(Caller caller, String eventId, String organisation) {
        return feeds.list(eventId, known(eventId, caller.organisation(eventId, organisation)));
    }

    @Transactional
    CalendarFeeds.WithSecret rotateFeed(Caller caller, String eventId, String id) {
        reachableFeed(caller, eventId, id);
        var rotated = feeds.rotate(eventId, id).orElseThrow(() -> new NotFound("calendar feed " + id));
        audit.record(caller.name(), AuditAction.ROTATE_CALENDAR_FEED, eventId, "calendar-feed", id, null, rotated.feed());
        return rotated;
    }

    @Transactional
    void revokeFeed(Caller caller, String eventId, String id) {
        var feed = reachableFeed(caller, eventId, id);
        feeds.revoke(eventId, id);
        audit.record(caller.name(), AuditAction.REVOKE_CALENDAR_FEED, eventId, "calendar-feed", id, feed, null);
    }

    /** The organisation, when the event has it (null passes: staff's own, or everyone's). */
    private String known(String eventId, String organisation) {
        events.require(eventId);
        if (organisation != null && organisations.find(eventId, organisation).isEmpty()) {
            throw new NotFound("organisation " + organisation);
        }
        return organisation;
    }

    private WebhookEndpoints.Endpoint reachable(Caller caller, String eventId, String id) {
        caller.organisation(eventId, null);
        return endpoints.find(eventId, id).filter(endpoint -> caller.reaches(endpoint.organisation()))
                .orElseThrow(() -> new NotFound("webhook " + id));
    }

    private CalendarFeeds.Feed reachableFeed(Caller caller, String eventId, String id) {
        caller.organisation(eventId, null);
        return feeds.find(eventId, id).filter(feed -> caller.reaches(feed.organisation()))
                .orElseThrow(() -> new NotFound("calendar feed " + id));
    }

    private static List<String> checkedAddresses(List<String> addresses) {
        var violations = new ArrayList<Violation>();
        var list = addresses == null ? List.<String>of() : addresses;
        if (list.size() > MAX_ADDRESSES) {
            violations.add(new Violation("body", "addresses", "has " + list.size() + " addresses, more than "
                    + MAX_ADDRESSES));
        }
        for (int i = 0; i < list.size(); i++) {
            String address = list.get(i);
            if (address == null || address.length() > MAX_ADDRESS || ProblemValidator.hasControl(address)
                    || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                violations.add(new Violation("body", "addresses[" + i + "]", "is not an e-mail address"));
            }
        }
        if (!violations.isEmpty()) {
            throw new RequestRejected(violations);
        }
        return list.stream().map(String::trim).distinct().toList();
    }
}
