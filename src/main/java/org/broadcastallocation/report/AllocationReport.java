package org.broadcastallocation.report;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.broadcastallocation.problem.ResourceType;

/**
 * The allocation report of {@code docs/allocation-model.md}: who got what, who got nothing and why, the score
 * per rule. Field names are the contract; {@code strategy}, {@code type}, {@code summary}, {@code comparison} and
 * {@code hardViolations} are extras.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AllocationReport(
        String event,
        Integer round,
        String status,
        String strategy,
        Score score,
        long solvingMillis,
        List<Allocation> allocations,
        List<Unassigned> unassigned,
        List<ConstraintTotal> constraints,
        List<String> hardViolations,
        Summary summary,
        Comparison comparison) {

    public record Score(int hard, int medium, int soft, boolean feasible) {
    }

    /** {@code byHand}: placed there by a planner's hand in this round (true), absent otherwise. */
    public record Allocation(String request, String organisation, ResourceType type, String resource,
            OffsetDateTime start, OffsetDateTime end, boolean pinned,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean byHand) {

        public Allocation(String request, String organisation, ResourceType type, String resource,
                OffsetDateTime start, OffsetDateTime end, boolean pinned) {
            this(request, organisation, type, resource, start, end, pinned, null);
        }
    }

    /**
     * A request left out, with its reasons for staff (who holds what) and, an extra, the same reasons as its
     * broadcaster reads them: its own facts only, never a competitor's requests (see {@code Explainer}).
     */
    public record Unassigned(String request, String organisation, ResourceType type, int weight,
            List<String> reasons, List<String> broadcasterReasons,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean byHand) {
        public Unassigned {
            // A report written before broadcasters had their own wording tells them nothing rather than too much.
            broadcasterReasons = broadcasterReasons == null ? List.of() : broadcasterReasons;
        }

        public Unassigned(String request, String organisation, ResourceType type, int weight, List<String> reasons,
                List<String> broadcasterReasons) {
            this(request, organisation, type, weight, reasons, broadcasterReasons, null);
        }
    }

    /** A rule's total on its level ({@code hard}, {@code medium} or {@code soft}) and how many times it matched. */
    public record ConstraintTotal(String name, String level, long score, int matches) {
    }

    /**
     * What a round achieved, in the terms a planner compares: requests and weight served, and the metres walked
     * between vans and the same organisation's positions in use at the same time.
     */
    public record Summary(int requests, int served, int unserved, long servedWeight, long unservedWeight,
            long walkingMetres) {
    }

    /** This round against first-come-first-served on the same problem. */
    public record Comparison(String baseline, Summary baselineSummary, Score baselineScore,
            int moreRequestsServed, long moreWeightServed, Double unservedWeightReductionPercent) {
    }
}
