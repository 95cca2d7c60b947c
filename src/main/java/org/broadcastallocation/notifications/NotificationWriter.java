package org.broadcastallocation.notifications;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.broadcastallocation.events.Events;
import org.broadcastallocation.requests.AllocationReleased;
import org.broadcastallocation.requests.LateRequestAmended;
import org.broadcastallocation.requests.LateRequestsWritten;
import org.broadcastallocation.requests.Pins;
import org.broadcastallocation.requests.RequestRejectedByPlanner;
import org.broadcastallocation.requests.RequestStatus;
import org.broadcastallocation.requests.Requests;
import org.broadcastallocation.requests.StoredRequest;
import org.broadcastallocation.rounds.OfferExpired;
import org.broadcastallocation.rounds.OfferMade;
import org.broadcastallocation.rounds.RoundPublished;

/**
 * Turns the facts other modules raise into outbox rows. A plain event listener runs in the raising thread, inside
 * its transaction: the rows commit with the change or not at all, and what they say is the state being committed.
 */
@Component
class NotificationWriter {

    private final Events events;
    private final Pins pins;
    private final Requests requests;
    private final WebhookEndpoints endpoints;
    private final ContactAddresses contacts;
    private final Outbox outbox;
    private final MailSetting mail;
    private final ObjectMapper json;

    NotificationWriter(Events events, Pins pins, Requests requests, WebhookEndpoints endpoints,
            ContactAddresses contacts, Outbox outbox, MailSetting mail, ObjectMapper json) {
        this.events = events;
        this.pins = pins;
        this.requests = requests;
        this.endpoints = endpoints;
        this.contacts = contacts;
        this.outbox = outbox;
        this.mail = mail;
        this.json = json.copy().disable(SerializationFeature.INDENT_OUTPUT);
    }

    /** To each organisation that listens: its confirmed places and its waitlisted requests; to staff, the sums. */
    @EventListener
    void on(RoundPublished fact) {
        var event = events.require(fact.eventId()).event();
        var zone = ZoneId.of(event.timeZone());
        var listening = new TreeSet<>(endpoints.organisationsSubscribed(fact.eventId(), "round.published"));
        if (mail.on()) {
            listening.addAll(contacts.organisationsWithAddresses(fact.eventId()));
        }
        int confirmed = 0;
        int waitlisted = 0;
        for (String organisation : listening) {
            var own = requests.ofOrganisation(fact.eventId(), organisation);
            var places = pins.ofOrganisation(fact.eventId(), organisation).stream()
                    .map(pin -> new NoticeWording.Place(pin.requestId(), typeOf(own, pin.requestId()),
                            pin.resourceId(), pin.start(), pin.end()))
                    .toList();
            var waiting = own.stream().filter(request -> request.status() == RequestStatus.WAITLISTED)
                    .map(request -> new NoticeWording.Waiting(request.id(), request.request().type().name(),
                            request.reasons()))
                    .toList();
            confirmed += places.size();
            waitlisted += waiting.size();
            send(fact.eventId(), NoticeWording.roundPublished(fact.eventId(), event.name(), zone, fact.round(),
                    organisation, places, waiting));
        }
        var sums = new LinkedHashMap<String, Object>();
        sums.put("event", fact.eventId());
        sums.put("round", fact.round());
        sums.put("publishedBy", fact.actor());
        sums.put("organisationsTold", listening.size());
        sums.put("confirmedTold", confirmed);
        sums.put("waitlistedTold", waitlisted);
        send(fact.eventId(), new Notice("round.published", null, sums, null));
    }

    @EventListener
    void on(RequestRejectedByPlanner fact) {
        var event = events.require(fact.eventId()).event();
        var notice = NoticeWording.requestRejected(fact.eventId(), event.name(), fact.organisationId(),
                fact.requestId(), fact.reason());
        toOrganisationAndStaff(fact.eventId(), notice);
    }

    @EventListener
    void on(AllocationReleased fact) {
        var event = events.require(fact.eventId()).event();
        var notice = NoticeWording.allocationReleased(fact.eventId(), event.name(), ZoneId.of(event.timeZone()),
                fact.organisationId(), fact.requestId(), fact.resourceId(), fact.start(), fact.end());
        toOrganisationAndStaff(fact.eventId(), notice);
    }

    /** Raised inside the publish of a fill: the offer's row commits with the offer, or neither does. */
    @EventListener
    void on(OfferMade fact) {
        var event = events.require(fact.eventId()).event();
        var notice = NoticeWording.offerMade(fact.eventId(), event.name(), ZoneId.of(event.timeZone()),
                fact.organisation(), fact.requestId(), fact.round(), fact.resource(), fact.start(), fact.end(),
                fact.expiresAt());
        toOrganisationAndStaff(fact.eventId(), notice);
    }

    @EventListener
    void on(OfferExpired fact) {
        var event = events.require(fact.eventId()).event();
        var notice = NoticeWording.offerExpired(fact.eventId(), event.name(), fact.organisation(), fact.requestId(),
                fact.round(), fact.resource());
        toOrganisationAndStaff(fact.eventId(), notice);
    }

    /**
     * Runs inside a group commit that every submission of the batch waits for: one statement for the whole batch,
     * which writes nothing when no staff endpoint of the event asked for request.late.
     */
    @EventListener
    void on(LateRequestsWritten fact) {
        outbox.webhooksToStaff("request.late", fact.requests().stream()
                .map(late -> new Outbox.ToStaff(late.eventId(), body(NoticeWording.requestLate(late.eventId(),
                        late.eventZone(), late.request()))))
                .toList());
    }

    /**
     * Runs inside the amendment's transaction: the staff endpoints that asked for request.late hear of a late
     * amendment as of a late submission, told apart by {@code amendment} and the request's {@code version}.
     */
    @EventListener
    void on(LateRequestAmended fact) {
        outbox.webhooksToStaff("request.late", List.of(new Outbox.ToStaff(fact.eventId(),
                body(NoticeWording.lateAmendment(fact.eventId(), fact.eventZone(), fact.request(), fact.version())))));
    }

    /** The organisation's own notice; staff endpoints get its data (no e-mail: staff have no contacts here). */
    private void toOrganisationAndStaff(String eventId, Notice notice) {
        send(eventId, notice);
        send(eventId, new Notice(notice.type(), null, notice.data(), null));
    }

    /** One row per endpoint that asked for the type, and per contact address when e-mail is on. */
    private void send(String eventId, Notice notice) {
        var subscribed = endpoints.subscribed(eventId, notice.organisationId(), notice.type());
        if (!subscribed.isEmpty()) {
            String body = body(notice);
            subscribed.forEach(endpoint -> outbox.webhook(eventId, notice.organisationId(), endpoint.id(),
                    notice.type(), body));
        }
        if (notice.mail() != null && notice.organisationId() != null && mail.on()) {
            for (String address : contacts.of(eventId, notice.organisationId())) {
                outbox.email(eventId, notice.organisationId(), address, notice.type(),
                        write(new MailBody(address, notice.mail().subject(), notice.mail().text(),
                                notice.mail().html())));
            }
        }
    }

    /** A webhook's body as Standard Webhooks suggests: {"type", "timestamp", "data"}. */
    private String body(Notice notice) {
        var payload = new LinkedHashMap<String, Object>();
        payload.put("type", notice.type());
        payload.put("timestamp", OffsetDateTime.now(ZoneOffset.UTC));
        payload.put("data", notice.data());
        return write(payload);
    }

    /** An e-mail as the outbox keeps it: ready to send. */
    record MailBody(String to, String subject, String text, String html) {
    }

    private static String typeOf(List<StoredRequest> own, String requestId) {
        return own.stream().filter(request -> request.id().equals(requestId)).findFirst()
                .map(request -> request.request().type().name()).orElse("");
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification that cannot be written as JSON", e);
        }
    }
}
