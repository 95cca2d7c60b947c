package org.broadcastallocation.rounds;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import org.broadcastallocation.audit.AuditAction;
import org.broadcastallocation.audit.AuditLog;
import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.common.RequestRejected;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.problem.Violation;
import org.broadcastallocation.requests.Pins;
import org.broadcastallocation.requests.PlaceFreed;
import org.broadcastallocation.requests.RequestStatus;
import org.broadcastallocation.security.Broadcaster;

/**
 * A broadcaster's answer to an offer: accepted, the place is CONFIRMED (its pin stays); declined, or not answered
 * before it expires, the request is WAITLISTED again, passed by the fills, and the place is free for the next fill.
 * Each answer holds the offer's row, so that an answer and the expiry never both happen.
 */
@Service
class OfferDesk {

    private static final Logger log = LoggerFactory.getLogger(OfferDesk.class);
    private static final String SYSTEM = "system";

    private final Offers offers;
    private final Pins pins;
    private final Events events;
    private final AuditLog audit;
    private final ApplicationEventPublisher facts;
    private final TransactionTemplate transaction;

    OfferDesk(Offers offers, Pins pins, Events events, AuditLog audit, ApplicationEventPublisher facts,
            TransactionTemplate transaction) {
        this.offers = offers;
        this.pins = pins;
        this.events = events;
        this.audit = audit;
        this.facts = facts;
        this.transaction = transaction;
    }

    /** A broadcaster's own offers, or (staff: null) all of the event's. */
    List<Offers.Offer> list(String eventId, Broadcaster caller) {
        events.require(eventId);
        if (caller != null && !caller.eventId().equals(eventId)) {
            throw new NotFound("event " + eventId);
        }
        return offers.ofEvent(eventId, caller == null ? null : caller.organisationId());
    }

    @Transactional
    public Offers.Offer accept(Broadcaster caller, String eventId, String requestId) {
        var offer = ownOpen(caller, eventId, requestId);
        if (!offers.setRequestStatus(eventId, requestId, RequestStatus.CONFIRMED, List.of())) {
            throw new OfferNoLongerOpen("request " + requestId + " is no longer offered a"
                    + " place (cancelled or rejected meanwhile)");
        }
        offers.decide(offer, Offers.OfferStatus.ACCEPTED, actor(caller));
        audit.record(actor(caller), AuditAction.ACCEPT_OFFER, eventId, "request", requestId, offer,
                Map.of("status", RequestStatus.CONFIRMED, "resource", offer.resourceId()));
        return decided(offer, Offers.OfferStatus.ACCEPTED);
    }

    @Transactional
    public Offers.Offer decline(Broadcaster caller, String eventId, String requestId) {
        var offer = ownOpen(caller, eventId, requestId);
        letGo(offer, Offers.OfferStatus.DECLINED, actor(caller), "declined the offer of " + offer.resourceId());
        return decided(offer, Offers.OfferStatus.DECLINED);
    }

    /** Offers whose time is up expire, on whichever instance looks first; each then frees its place for a fill. */
    @Scheduled(fixedDelayString = "${broadcast.offers.expiry-interval-millis:1000}")
    void expireDue() {
        try {
            transaction.executeWithoutResult(status -> offers.dueForExpiry(100).forEach(offer -> {
                letGo(offer, Offers.OfferStatus.EXPIRED, SYSTEM, "did not answer the offer of " + offer.resourceId()
                        + " before it expired");
                facts.publishEvent(new OfferExpired(offer.eventId(), offer.requestId(), offer.organisation(),
                        offer.round(), offer.resourceId()));
            }));
        } catch (RuntimeException e) {
            log.warn("Could not expire offers: {}", e.getMessage());
        }
    }

    private void letGo(Offers.Offer offer, Offers.OfferStatus status, String actor, String reason) {
        offers.decide(offer, status, actor);
        boolean waitlisted = offers.setRequestStatus(offer.eventId(), offer.requestId(), RequestStatus.WAITLISTED,
                List.of(reason));
        if (waitlisted) {
            pins.release(offer.eventId(), offer.requestId());
            facts.publishEvent(new PlaceFreed(offer.eventId(), offer.requestId(), RequestStatus.OFFERED));
        }
        audit.record(actor, status == Offers.OfferStatus.EXPIRED ? AuditAction.EXPIRE_OFFER : AuditAction.DECLINE_OFFER,
                offer.eventId(), "request", offer.requestId(), offer, Map.of("status", RequestStatus.WAITLISTED,
                        "reason", reason));
    }

    private Offers.Offer ownOpen(Broadcaster caller, String eventId, String requestId) {
        if (!caller.eventId().equals(eventId)) {
            throw new NotFound("event " + eventId);
        }
        var offer = offers.open(eventId, requestId, true)
                .filter(open -> open.organisation().equals(caller.organisationId()));
        if (offer.isEmpty()) {
            // The row lock above waits for whoever holds the offer: an expiry sweep or another answer that closed it
            // meanwhile leaves no open offer, and the answer that lost the race hears why (409), never a 404 as if
            // there had been none: of an answer and the expiry exactly one wins, and the other is told so.
            throw closed(offers.latest(eventId, requestId)
                    .filter(last -> last.organisation().equals(caller.organisationId()))
                    .orElseThrow(() -> new NotFound("no open offer for request " + requestId)));
        }
        if (offers.expired(offer.get())) {
            throw expired(offer.get());
        }
        return offer.get();
    }

    /** Why an offer that is no longer open cannot be answered. */
    private static RuntimeException closed(Offers.Offer last) {
        return switch (last.status()) {
            case EXPIRED -> expired(last);
            case ACCEPTED, DECLINED -> new OfferNoLongerOpen("the offer of " + last.resourceId() + " to "
                    + last.requestId() + " was " + last.status().name().toLowerCase() + " at " + last.decidedAt()
                    + "; it can be answered once");
            case OPEN -> new OfferNoLongerOpen("the offer to " + last.requestId() + " changed while it was answered;"
                    + " read the offers and answer again");
        };
    }

    private static OfferAlreadyExpired expired(Offers.Offer offer) {
        return new OfferAlreadyExpired("the offer of " + offer.resourceId() + " to " + offer.requestId()
                + " expired at " + offer.expiresAt() + "; the place goes to the next request");
    }

    private static Offers.Offer decided(Offers.Offer offer, Offers.OfferStatus status) {
        return new Offers.Offer(offer.eventId(), offer.requestId(), offer.organisation(), offer.round(),
                offer.resourceId(), offer.start(), offer.end(), offer.madeAt(), offer.expiresAt(), status,
                OffsetDateTime.now(), null);
    }

    private static String actor(Broadcaster caller) {
        return "key:" + caller.eventId() + "/" + caller.organisationId();
    }

    /** The event's offer settings, checked: an offer lasts a second to thirty days. */
    Offers.Settings settings(String eventId, Offers.Settings changed, String actor) {
        events.require(eventId);
        if (changed == null) {
            return offers.settings(eventId);
        }
        if (changed.offerSeconds() < 1 || changed.offerSeconds() > 30 * 86_400) {
            throw new RequestRejected(List.of(new Violation("body", "offerSeconds", "must be 1 to 2592000")));
        }
        var before = offers.settings(eventId);
        offers.saveSettings(eventId, changed);
        audit.record(actor, AuditAction.FILL_SETTINGS, eventId, "event", eventId, before, changed);
        return changed;
    }
}
