package org.broadcastallocation.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;

import java.util.Map;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import com.google.ortools.Loader;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import org.junit.jupiter.api.Test;

import org.broadcastallocation.common.Json;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.samples.InstanceGenerator;

/**
 * CP-SAT's allocation, spread over real resources, is one a planner could publish: no hard rule broken, and as much
 * weight served as the model proved could be. Generated instance 102 (300 requests): its optimum, 2,878 unserved,
 * was proved by CP-SAT; the engine's local search alone ended 30-s rounds at 2,892 (docs/performance-log.md).
 */
class ExactSeedTest {

    @Test
    void everyPartsAllocationBreaksNoRuleAndServesWhatTheModelProved() {
        Loader.loadNativeLibraries();
        var plan = PlanBuilder.build(InstanceGenerator.generate(300, 102, 1.0));

        for (var part : ExactBound.parts(plan)) {
            var solver = new CpSolver();
            solver.getParameters().setNumWorkers(1).setLinearizationLevel(2).setMaxTimeInSeconds(30);
            assertThat(solver.solve(part.model())).as(part.name()).isEqualTo(CpSolverStatus.OPTIMAL);
            var seed = ExactSeed.of(plan, part, solver::booleanValue);

            assertThat(seed.served()).as(part.name()).isEqualTo(Math.round(solver.objectiveValue()));
            plan.getBookings().stream().filter(booking -> part.types().contains(booking.type()))
                    .forEach(booking -> booking.place(seed.placements().get(booking.id())));
        }
        var score = new Scoring(AllocationSolver.loadConfig()).score(plan);

        assertThat(score.hardScore()).isZero();
        assertThat(score.mediumScore()).isEqualTo(-2_878);
    }

    @Test
    void aLaterRoundsAllocationMovesOnlyWhatAClosedPositionDisplaces() throws Exception {
        var sample = Json.mapper().readValue(Files.readAllBytes(Path.of("data-samples", "hague-2025.json")),
                ProblemDocument.class);
        var firstRound = exactAllocation(sample, null);
        var previous = new ArrayList<ProblemDocument.Placement>();
        for (Booking booking : firstRound.getBookings()) {
            if (booking.assigned()) {
                previous.add(new ProblemDocument.Placement(booking.id(), booking.resource().id(),
                        firstRound.getTimeline().at(booking.start())));
            }
        }
        var onClosed = previous.stream().filter(placement -> placement.resource().equals("SO-01"))
                .map(ProblemDocument.Placement::request).toList();
        var whatIf = new ProblemDocument(sample.event(), sample.zones(), sample.organisations(),
                sample.resources().stream().filter(resource -> !resource.id().equals("SO-01")).toList(),
                sample.requests(), sample.pinned(),
                previous.stream().filter(placement -> !onClosed.contains(placement.request())).toList());

        // Only stability counts in the soft level here: round 1 is CP-SAT's allocation, whose timing and features
        // nobody settled, and a move that brings a slot 1,000 minutes nearer its preferred start is worth making.
        var secondRound = exactAllocation(whatIf, ConstraintWeightOverrides.of(Map.of(
                AllocationConstraints.WALKING, HardMediumSoftScore.ZERO,
                AllocationConstraints.PREFERENCES, HardMediumSoftScore.ZERO,
                AllocationConstraints.TIMING, HardMediumSoftScore.ZERO,
                AllocationConstraints.STABILITY, HardMediumSoftScore.ofSoft(1000))));

        var before = new java.util.HashMap<String, Placement>();
        firstRound.getBookings().stream().filter(Booking::assigned)
                .forEach(booking -> before.put(booking.id(), booking.placement()));
        var moved = secondRound.getBookings().stream()
                .filter(booking -> before.containsKey(booking.id()) && !onClosed.contains(booking.id()))
                .filter(booking -> !booking.assigned() || booking.start() != before.get(booking.id()).start()
                        || !booking.resource().id().equals(before.get(booking.id()).resource().id()))
                .map(Booking::id).toList();
        assertThat(new Scoring(AllocationSolver.loadConfig()).score(secondRound).hardScore()).isZero();
        // Measured: 11 of round 1's others moved or left out (the model's optimum needs 7 moves between pools
        // and starts; a resource within a pool is the colouring's). With start order alone it was 31, and the local
        // search alone moved 93 to 134 (docs/performance-log.md). CP-SAT on one worker is deterministic.
        assertThat(moved).as("moved or left out, not on the closed position").hasSizeLessThanOrEqualTo(15);
    }

    private static AllocationPlan exactAllocation(ProblemDocument document,
            ConstraintWeightOverrides<HardMediumSoftScore> weights) {
        var plan = PlanBuilder.build(document);
        if (weights != null) {
            plan.setConstraintWeightOverrides(weights);
        }
        var search = BoundSearch.start(plan, Duration.ofSeconds(30), BoundSearch.WORKERS);
        assertThat(search.awaitEnd().method()).isEqualTo("exact");
        return search.exactAllocation(PlanBuilder.build(document));
    }
}
