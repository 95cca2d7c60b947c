package org.broadcastallocation.rounds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.broadcastallocation.audit.AuditAction;
import org.broadcastallocation.audit.AuditLog;
import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.events.Sites;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.report.AllocationReport;
import org.broadcastallocation.requests.Pins;
import org.broadcastallocation.requests.RequestStatus;
import org.broadcastallocation.requests.Requests;
import org.broadcastallocation.requests.StoredRequest;

/**
 * What a round's word does to the requests: when it ends (ALLOCATED, WAITLISTED) and when it is published
 * (CONFIRMED and pinned). The promises this keeps, whatever runs at the same time:
 * <ul>
 * <li>A CONFIRMED request stays CONFIRMED at its pin until its organisation cancels it or a planner rejects it: no
 *     outcome is ever written over a request that does not {@linkplain RequestStatus#awaitsOutcome await one}.</li>
 * <li>A request's status speaks for the latest round to end or publish that was built on the current pins; a round
 *     that ends after another round's publish (stale) or after recovery interrupted it writes no status.</li>
 * <li>A place is promised only if the request and the resource are still what the round saw
 *     ({@link SnapshotChanges}); otherwise the request is left out of the publish, which says why.</li>
 * <li>Ending, numbering and publishing rounds of one event happen one at a time: each takes the event's row lock
 *     ({@link Events#lockPins}) first. The database refuses overlapping pins on a resource by itself.</li>
 * <li>A {@linkplain RoundKind#FILL fill} speaks only when published, and then only offers (OFFERED, pinned, with an
 *     {@link Offers offer}) rather than confirms: its end writes no status, and its publish none but the offers,
 *     since it saw only the waitlisted and late.</li>
 * </ul>
 */
@Service
class RoundOutcomes {

    private final Rounds rounds;
    private final Events events;
    private final Sites sites;
    private final Requests requests;
    private final Pins pins;
    private final AuditLog audit;
    private final Offers offers;
    private final ApplicationEventPublisher facts;

    RoundOutcomes(Rounds rounds, Events events, Sites sites, Requests requests, Pins pins, AuditLog audit,
            Offers offers, ApplicationEventPublisher facts) {
        this.offers = offers;
        this.facts = facts;
        this.rounds = rounds;
        this.events = events;
        this.sites = sites;
        this.requests = requests;
        this.pins = pins;
        this.audit = audit;
    }

    /**
     * The round solved here ends with this report; its outcomes are written if it is still this instance's and
     * still built on the current pins. False when it was no longer this instance's to end.
     */
    @Transactional
    public boolean ended(String eventId, int number, String instance, RoundStatus status, AllocationReport report,
            ProblemDocument snapshot) {
        int pinsVersion = events.lockPins(eventId).orElseThrow(() -> new NotFound("event " + eventId));
        rounds.saveBest(eventId, number, instance, report);
        if (!rounds.finish(eventId, number, instance, status)) {
            return false;
        }
        var round = rounds.find(eventId, number).orElseThrow();
        if (round.builtOnPins(pinsVersion) && round.kind() == RoundKind.FULL) {
            var now = requests.ofEvent(eventId);
            requests.recordOutcomes(eventId, outcomes(changes(eventId, number, snapshot, now), report, now,
                    RequestStatus.ALLOCATED, new ArrayList<>()).values().stream().toList());
        }
        return true;
    }

    /**
     * Pins the round's allocations: promises no later round moves. Only an ended, feasible round built on the
     * current pins, once; requests or resources changed since its snapshot are left out, and the round says why.
     */
    @Transactional
    public Rounds.Round publish(String eventId, int number, String actor) {
        int pinsVersion = events.lockPins(eventId).orElseThrow(() -> new NotFound("event " + eventId));
        var round = rounds.lock(eventId, number).orElseThrow(() -> new NotFound("round " + number));
        round.requirePublishable(pinsVersion);
        var report = rounds.report(eventId, number).orElseThrow(() -> new RoundHasNoSolution("round " + number
                + " has no solution"));
        var now = requests.ofEvent(eventId);
        var changes = changes(eventId, number, rounds.problem(eventId, number), now);
        var leftOut = new ArrayList<Rounds.LeftOut>();
        var placed = round.kind() == RoundKind.FILL ? RequestStatus.OFFERED : RequestStatus.CONFIRMED;
        var offerSeconds = offers.settings(eventId).offerSeconds();
        var outcomes = outcomes(changes, report, now, placed, leftOut);
        if (round.kind() == RoundKind.FILL) {
            // A fill offers places and says nothing else: the waitlisted and late it left out stay as they were.
            outcomes.values().removeIf(outcome -> outcome.status() != RequestStatus.OFFERED);
        }
        var list = List.copyOf(outcomes.values());
        boolean[] written = requests.recordOutcomes(eventId, list);
        var places = new HashMap<String, AllocationReport.Allocation>();
        report.allocations().forEach(allocation -> places.put(allocation.request(), allocation));
        int confirmed = 0;
        for (int i = 0; i < list.size(); i++) {
            var outcome = list.get(i);
            if (outcome.status() != placed) {
                continue;
            }
            if (!written[i]) {
                leftOut.add(new Rounds.LeftOut(outcome.id(), "request " + outcome.id() + " changed while round "
                        + number + " was published"));
                continue;
            }
            var place = places.get(outcome.id());
            try {
                pins.pin(eventId, new Pins.Pin(outcome.id(), place.resource(), place.start(), place.end(), number));
            } catch (DataIntegrityViolationException overlap) {
                throw new RoundOverPublishedAllocation("round " + number + " would place " + outcome.id()
                        + " over a published allocation on " + place.resource() + "; create a new round");
            }
            if (placed == RequestStatus.OFFERED) {
                var offer = offers.make(eventId, outcome.id(), number, place.resource(), place.start(), place.end(),
                        offerSeconds);
                facts.publishEvent(new OfferMade(eventId, offer.requestId(), offer.organisation(), number,
                        offer.resourceId(), offer.start(), offer.end(), offer.expiresAt()));
            }
            confirmed++;
        }
        events.bumpPinsVersion(eventId);
        rounds.markPublished(eventId, number, actor, leftOut);
        audit.record(actor, AuditAction.PUBLISH_ROUND, eventId, "round", String.valueOf(number), null,
                Map.of(placed == RequestStatus.OFFERED ? "offered" : "confirmed", confirmed, "waitlisted",
                        report.unassigned().size(), "leftOut", leftOut,
                        "score", report.score()));
        facts.publishEvent(new RoundPublished(eventId, number, actor));
        return rounds.find(eventId, number).orElseThrow();
    }

    /**
     * @param now the requests as read once for this decision: the outcomes are written at the versions read here,
     *            so a request changed after this read is not written over (a second read could see an amendment
     *            that the first did not, and write the snapshot's word over it)
     */
    private SnapshotChanges changes(String eventId, int number, ProblemDocument snapshot, List<StoredRequest> now) {
        var open = new HashSet<String>();
        sites.resources(eventId, false).forEach(resource -> open.add(resource.id()));
        return new SnapshotChanges(number, snapshot, now, sites.resources(eventId, true), open);
    }

    /**
     * Where the round's word puts each request that awaits an outcome, where that changes anything: {@code placed}
     * (ALLOCATED, CONFIRMED or, for a fill, OFFERED) or WAITLISTED with its reasons for those the round saw as they are now, SUBMITTED
     * again for the others (amended since, or submitted after the snapshot: the round does not speak for them).
     */
    private static Map<String, Requests.Outcome> outcomes(SnapshotChanges changes, AllocationReport report,
            List<StoredRequest> now, RequestStatus placed, List<Rounds.LeftOut> leftOut) {
        var allocated = new HashMap<String, AllocationReport.Allocation>();
        report.allocations().stream().filter(allocation -> !allocation.pinned())
                .forEach(allocation -> allocated.put(allocation.request(), allocation));
        var waitlisted = new HashMap<String, List<String>>();
        report.unassigned().forEach(unassigned -> waitlisted.put(unassigned.request(),
                unassigned.broadcasterReasons()));
        var outcomes = new java.util.LinkedHashMap<String, Requests.Outcome>();
        for (var request : now) {
            var allocation = allocated.get(request.id());
            if (allocation != null && placed != RequestStatus.ALLOCATED) {
                var why = changes.whyNotPromised(request.id(), allocation.resource());
                if (why.isPresent()) {
                    leftOut.add(new Rounds.LeftOut(request.id(), why.get()));
                }
            }
            if (!request.status().awaitsOutcome()) {
                continue;
            }
            RequestStatus status;
            List<String> reasons = List.of();
            if (!changes.sawAsItIs(request.id())) {
                status = RequestStatus.SUBMITTED;
            } else if (allocation != null) {
                boolean promised = placed == RequestStatus.ALLOCATED
                        || changes.whyNotPromised(request.id(), allocation.resource()).isEmpty();
                status = promised ? placed : RequestStatus.SUBMITTED;
            } else if (waitlisted.containsKey(request.id())) {
                status = RequestStatus.WAITLISTED;
                reasons = waitlisted.get(request.id());
            } else {
                status = RequestStatus.SUBMITTED;
            }
            if (status != request.status() || !reasons.equals(request.reasons())) {
                outcomes.put(request.id(), new Requests.Outcome(request.id(), request.version(), status, reasons));
            }
        }
        return outcomes;
    }
}
