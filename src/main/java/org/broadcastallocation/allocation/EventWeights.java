package org.broadcastallocation.allocation;

import java.util.HashMap;
import java.util.Map;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;

import org.broadcastallocation.problem.ProblemDocument;

/** The spec's default weights with an event's overrides applied. */
public record EventWeights(
        Map<Integer, Integer> priorityWeight,
        int walkingPerMetre,
        int missingPreferredFeature,
        int timingPerMinute,
        int stabilityPerMove) {

    public static final EventWeights DEFAULTS = new EventWeights(Map.of(1, 120, 2, 60, 3, 20), 1, 200, 1, 1000);

    public static EventWeights of(ProblemDocument.Weights overrides) {
        if (overrides == null) {
            return DEFAULTS;
        }
        var priorityWeight = new HashMap<>(DEFAULTS.priorityWeight);
        if (overrides.priorityWeight() != null) {
            priorityWeight.putAll(overrides.priorityWeight());
        }
        return new EventWeights(Map.copyOf(priorityWeight),
                orDefault(overrides.walkingPerMetre(), DEFAULTS.walkingPerMetre),
                orDefault(overrides.missingPreferredFeature(), DEFAULTS.missingPreferredFeature),
                orDefault(overrides.timingPerMinute(), DEFAULTS.timingPerMinute),
                orDefault(overrides.stabilityPerMove(), DEFAULTS.stabilityPerMove));
    }

    /** What leaving a request unserved costs: {@code priorityWeight[priority] / rank}, rounded down. */
    public int unservedWeight(int priority, int rank) {
        return priorityWeight.getOrDefault(priority, 0) / rank;
    }

    /** The soft weights, as Timefold constraint weights (the medium weight is per request, in its demand). */
    public ConstraintWeightOverrides<HardMediumSoftScore> asConstraintWeights() {
        return ConstraintWeightOverrides.of(Map.of(
                AllocationConstraints.WALKING, HardMediumSoftScore.ofSoft(walkingPerMetre),
                AllocationConstraints.PREFERENCES, HardMediumSoftScore.ofSoft(missingPreferredFeature),
                AllocationConstraints.TIMING, HardMediumSoftScore.ofSoft(timingPerMinute),
                AllocationConstraints.STABILITY, HardMediumSoftScore.ofSoft(stabilityPerMove)));
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
