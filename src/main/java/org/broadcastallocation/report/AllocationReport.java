package org.broadcastallocation.report;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.broadcastallocation.problem.ResourceType;

/**
 * The allocation report of {@code docs/allocation-model.md}: who got what, who got nothing and why, the score
 * per rule, and how far from the best possible it can be. Field names are the contract; {@code strategy},
 * {@code type}, {@code summary}, {@code comparison} and {@code hardViolations} are extras.
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
        Comparison comparison,
        Bounds bounds) {

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

    /**
     * How good the allocation is, whatever the solver says of itself: no allocation of the problem scores a better
     * medium level than {@code medium}; {@code proven} when this one reaches it (no allocation serves more weight);
     * {@code gapPercent}: at most this much more unserved weight than the best possible (null when the bound leaves
     * nothing unserved but this allocation does). Missing in reports written before 3 December 2026.
     */
    public record Bounds(int medium, boolean proven, Double gapPercent) {

        public static Bounds of(long unservedFloor, long unservedWeight) {
            // Not one conditional expression: mixing null with a double unboxes it (a NullPointerException).
            Double gap;
            if (unservedFloor > 0) {
                gap = Math.round(1000.0 * (unservedWeight - unservedFloor) / unservedFloor) / 10.0;
            } else if (unservedWeight == 0) {
                gap = 0.0;
            } else {
                gap = null;
            }
            return new Bounds((int) -unservedFloor, unservedWeight == unservedFloor, gap);
        }

        /** What the command line and the console say of it. */
        public String inWords() {
            if (proven) {
                return "proven best: no allocation serves more weight";
            }
            return gapPercent == null ? "not proven best: the best possible may leave nothing unserved"
                    : "at most " + gapPercent + " % more unserved weight than the best possible";
        }
    }
}
