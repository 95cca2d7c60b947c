package org.broadcastallocation.rounds;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import org.springframework.stereotype.Service;

import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.engine.AllocationEngine;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.report.Explainer;

/**
 * Where a request could go in a round, as Timefold's assignment recommendation weighs it: every place its value
 * ranges hold, tried in the round as it stands (the request itself taken out first), best first. A place that would
 * break a hard rule is not recommended; when nothing is left, the answer says why, as the report would.
 */
@Service
class Recommendations {

    /** At most this many places: a planner picks from a few, not from every quarter hour of the week. */
    static final int SHOWN = 5;

    private final Rounds rounds;
    private final HandPlacements hand;
    private final Events events;
    private final AllocationEngine engine;

    Recommendations(Rounds rounds, HandPlacements hand, Events events, AllocationEngine engine) {
        this.rounds = rounds;
        this.hand = hand;
        this.events = events;
        this.engine = engine;
    }

    /** A recommended place and what it changes, per level and in words. */
    record Place(String resource, OffsetDateTime start, OffsetDateTime end, int hard, int medium, int soft,
            String change) {
    }

    /** {@code nowhere}: why no place is recommended (empty when some are). */
    record Answer(int round, String request, String currently, List<Place> places, int feasiblePlaces,
            List<String> nowhere) {
    }

    private record Proposal(String resource, int start, int end) {
    }

    Answer of(String eventId, int number, String requestId) {
        events.require(eventId);
        var round = rounds.find(eventId, number).orElseThrow(() -> new NotFound("round " + number));
        if (rounds.reportJson(eventId, number).isEmpty()) {
            throw new RoundHasNoSolution("round " + number + " is " + round.status() + " and has no solution yet; solve it"
                    + " first");
        }
        var plan = RoundPlans.asSaved(rounds.problem(eventId, number), rounds.allocations(eventId, number),
                hand.ofRound(eventId, number));
        var booking = plan.getBookings().stream().filter(candidate -> candidate.id().equals(requestId))
                .findFirst().orElseThrow(() -> new NotFound("request " + requestId + " is not in round " + number));
        var timeline = plan.getTimeline();
        if (booking.published()) {
            var pin = booking.pinnedPlacement();
            return new Answer(number, requestId, pin.resource().id() + " " + timeline.describe(pin.start(),
                    pin.end()), List.of(), 0, List.of(requestId + " is published there: a promise, never moved"));
        }
        var placement = booking.placement();
        String currently = placement == null ? "unassigned"
                : placement.resource().id() + " " + timeline.describe(placement.start(), placement.end());
        // Taken out and free to go anywhere: the recommendation weighs each place against leaving it out.
        booking.place(null);
        var everyPlace = engine.scoring().recommend(plan, booking,
                proposed -> proposed.resource() == null ? null
                        : new Proposal(proposed.resource().id(), proposed.start(), proposed.end()));
        var places = new ArrayList<Place>();
        int feasible = 0;
        for (var recommended : everyPlace) {
            var proposal = recommended.proposition();
            var diff = recommended.scoreAnalysisDiff();
            var score = diff.score();
            if (proposal == null || score.hardScore() < 0) {
                continue;
            }
            feasible++;
            if (places.size() < SHOWN) {
                places.add(new Place(proposal.resource(), timeline.at(proposal.start()), timeline.at(proposal.end()),
                        score.hardScore(), score.mediumScore(), score.softScore(), inWords(diff)));
            }
        }
        List<String> nowhere = places.isEmpty() ? whyNowhere(plan, booking) : List.of();
        return new Answer(number, requestId, currently, places, feasible, nowhere);
    }

    /** "Serve requests +40 (medium); Walking -12 (soft)": the rules the place changes, largest level first. */
    static String inWords(ScoreAnalysis<HardMediumSoftScore> diff) {
        var parts = new ArrayList<String>();
        for (var constraint : diff.constraintAnalyses()) {
            var score = constraint.score();
            if (score.hardScore() != 0) {
                parts.add(constraint.constraintName() + " " + signed(score.hardScore()) + " (hard)");
            } else if (score.mediumScore() != 0) {
                parts.add(constraint.constraintName() + " " + signed(score.mediumScore()) + " (medium)");
            } else if (score.softScore() != 0) {
                parts.add(constraint.constraintName() + " " + signed(score.softScore()) + " (soft)");
            }
        }
        return parts.isEmpty() ? "no change in score" : String.join("; ", parts);
    }

    private static String signed(int value) {
        return value > 0 ? "+" + value : String.valueOf(value);
    }

    private static List<String> whyNowhere(AllocationPlan plan, Booking booking) {
        return new Explainer(plan).reasons(booking).stream().map(Explainer.Reason::staff).toList();
    }
}
