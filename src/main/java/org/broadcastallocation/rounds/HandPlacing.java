package org.broadcastallocation.rounds;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.Placement;
import org.broadcastallocation.audit.AuditAction;
import org.broadcastallocation.audit.AuditLog;
import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.common.RequestRejected;
import org.broadcastallocation.engine.AllocationEngine;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.problem.Violation;
import org.broadcastallocation.report.AllocationReport;

/**
 * A planner places, moves or unassigns one request by hand in an ended, unpublished round. A place the request and
 * the resource alone rule out is refused naming the rule ({@link PlaceRules}); one that breaks a rule between
 * requests (double booking, fibre, quota) is taken: the round is scored again, says in words what is broken, and
 * cannot be published until it is put right (by hand or by solving it again, which keeps the hand placements).
 */
@Service
class HandPlacing {

    private final Rounds rounds;
    private final HandPlacements hand;
    private final Events events;
    private final AllocationEngine engine;
    private final AuditLog audit;

    HandPlacing(Rounds rounds, HandPlacements hand, Events events, AllocationEngine engine, AuditLog audit) {
        this.rounds = rounds;
        this.hand = hand;
        this.events = events;
        this.engine = engine;
        this.audit = audit;
    }

    /** Where the hand puts the request: a resource and a start, or {@code unassigned: true}. */
    record Move(String resource, OffsetDateTime start, Boolean unassigned) {

        boolean unassigns() {
            return Boolean.TRUE.equals(unassigned);
        }
    }

    /**
     * The answer: where the request now is, the round's score before and after, and every hard rule the round now
     * breaks, in words (none: publishable).
     */
    record Placed(int round, String request, String resource, OffsetDateTime start, OffsetDateTime end,
            boolean unassigned, AllocationReport.Score scoreBefore, AllocationReport.Score score, String change,
            List<String> brokenRules) {
    }

    @Transactional
    public Placed place(String eventId, int number, String requestId, Move move, String actor) {
        // Under the event's lock, as a publish and a round's end: neither can slip between the read and the write.
        events.lockPins(eventId).orElseThrow(() -> new NotFound("event " + eventId));
        var round = rounds.lock(eventId, number).orElseThrow(() -> new NotFound("round " + number));
        requireChangeable(round);
        var before = rounds.report(eventId, number).orElseThrow(() -> new RoundHasNoSolution("round " + number + " has no"
                + " solution yet; solve it first"));
        var snapshot = rounds.problem(eventId, number);
        var plan = RoundPlans.asSaved(snapshot, rounds.allocations(eventId, number), hand.ofRound(eventId, number));
        var booking = plan.getBookings().stream().filter(candidate -> candidate.id().equals(requestId))
                .findFirst().orElseThrow(() -> new NotFound("request " + requestId + " is not in round " + number));
        var was = describe(plan, booking);
        var placement = placementOf(plan, booking, move);
        booking.placeByHand(placement);
        var report = engine.reports().build(snapshot, plan, number, round.status().name(), before.strategy(),
                before.solvingMillis(), engine.firstCome(snapshot));
        if (!rounds.replaceEndedReport(eventId, number, report)) {
            throw new RoundChangedMeanwhile("round " + number + " changed meanwhile; read it again");
        }
        var timeline = plan.getTimeline();
        hand.put(eventId, number, requestId, placement == null ? null : placement.resource().id(),
                placement == null ? null : timeline.at(placement.start()), actor);
        var now = describe(plan, booking);
        audit.record(actor, AuditAction.HAND_PLACE, eventId, "round", number + "/" + requestId, was,
                Map.of("placement", now, "score", report.score()));
        var broken = report.hardViolations() == null ? List.<String>of() : report.hardViolations();
        return new Placed(number, requestId, placement == null ? null : placement.resource().id(),
                placement == null ? null : timeline.at(placement.start()),
                placement == null ? null : timeline.at(placement.end()), placement == null, before.score(),
                report.score(), change(before.score(), report.score(), broken), broken);
    }

    /** Only a round whose solver is done and which promised nothing yet. */
    private static void requireChangeable(Rounds.Round round) {
        if (round.status() == RoundStatus.PUBLISHED) {
            throw new RoundAlreadyPublished("round " + round.number() + " is published; its places are promises,"
                    + " changed only by a new round");
        }
        if (!round.status().ended()) {
            throw new RoundNotEnded("round " + round.number() + " is " + round.status() + "; place by hand in a"
                    + " round that has finished solving (stop it first)");
        }
    }

    private static Placement placementOf(AllocationPlan plan, Booking booking, Move move) {
        String item = "allocations[" + booking.id() + "]";
        if (move == null || (!move.unassigns() && (move.resource() == null || move.start() == null))) {
            throw new RequestRejected(List.of(new Violation(item, "body", "give a resource and a start, or"
                    + " \"unassigned\": true")));
        }
        if (booking.published()) {
            throw new RequestRejected(List.of(new Violation(item, "Pinned stays", booking.id() + " is published"
                    + " at " + booking.pinnedPlacement().resource().id() + "; a promise is never moved")));
        }
        if (move.unassigns()) {
            return null;
        }
        var resource = RoundPlans.resources(plan).get(move.resource());
        if (resource == null) {
            throw new RequestRejected(List.of(new Violation(item, "resource", move.resource() + " is not a"
                    + " resource of this round")));
        }
        var timeline = plan.getTimeline();
        int start = timeline.minutes(move.start());
        PlaceRules.broken(booking, resource, start, timeline).ifPresent(violation -> {
            throw new RequestRejected(List.of(violation));
        });
        var placement = new Placement(resource, start, start + booking.demand().durationMinutes());
        if (!booking.candidates().contains(placement)) {
            throw new RequestRejected(List.of(new Violation(item, "resource", "the request cannot be placed on "
                    + resource.id() + " at " + timeline.describe(placement.start(), placement.end()))));
        }
        return placement;
    }

    private static Map<String, Object> describe(AllocationPlan plan, Booking booking) {
        var placement = booking.placement();
        var description = new LinkedHashMap<String, Object>();
        description.put("request", booking.id());
        if (placement == null) {
            description.put("unassigned", true);
        } else {
            description.put("resource", placement.resource().id());
            description.put("start", plan.getTimeline().at(placement.start()).toString());
        }
        return description;
    }

    /** "hard 0 → -1, medium -40 → -20, soft -3 → -5: breaks No double booking: ...". */
    static String change(AllocationReport.Score before, AllocationReport.Score after, List<String> broken) {
        String levels = "hard " + before.hard() + " → " + after.hard() + ", medium " + before.medium() + " → "
                + after.medium() + ", soft " + before.soft() + " → " + after.soft();
        return broken.isEmpty() ? levels + "; no hard rule broken"
                : levels + "; breaks " + String.join("; ", broken);
    }
}
