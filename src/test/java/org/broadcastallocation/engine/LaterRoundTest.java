package org.broadcastallocation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicReference;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import ai.timefold.solver.core.api.solver.Solver;
import org.junit.jupiter.api.Test;

import org.broadcastallocation.allocation.AllocationConstraints;
import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.AllocationSolver;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.FirstComeFirstServed;
import org.broadcastallocation.allocation.Occupancy;
import org.broadcastallocation.allocation.Placement;
import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.allocation.ReturnToPrevious;
import org.broadcastallocation.allocation.Scoring;
import org.broadcastallocation.allocation.WarmStart;
import org.broadcastallocation.problem.ProblemDocument;

/**
 * What a planner watching a round's progress sees first: the solver's first allocation. A later round starts from
 * the round before it, so its first allocation moves nothing the previous round placed (started cold, a what-if
 * with one position closed moved 125 of them). A property of the construction, not of how long the search runs:
 * nothing here depends on the machine's speed.
 */
class LaterRoundTest {

    private final AllocationSolver solver = AllocationSolver.withProjectConfig();
    private final Scoring scoring = new Scoring(AllocationSolver.loadConfig());

    @Test
    void aLaterRoundStartsFromThePreviousRoundsPlacements() throws IOException {
        var sample = AllocationEngineTest.sample("hague-2025.json");
        // The previous round: first-come's allocation, feasible and far from the best, so the search has reasons to
        // move things; the first allocation must not have.
        var previousRound = FirstComeFirstServed.allocate(PlanBuilder.build(sample),
                FirstComeFirstServed.submissionOrder(sample.requests()));
        var previous = new ArrayList<ProblemDocument.Placement>();
        var placedBefore = new HashMap<String, String>();
        for (Booking booking : previousRound.getBookings()) {
            if (booking.assigned()) {
                var start = previousRound.getTimeline().at(booking.start());
                previous.add(new ProblemDocument.Placement(booking.id(), booking.resource().id(), start));
                placedBefore.put(booking.id(), booking.resource().id() + "@" + booking.start());
            }
        }
        var secondRound = new ProblemDocument(sample.event(), sample.zones(), sample.organisations(),
                sample.resources(), sample.requests(), sample.pinned(), previous);

        var first = firstSolution(PlanBuilder.build(secondRound));

        var moved = first.getBookings().stream().filter(booking -> placedBefore.containsKey(booking.id()))
                .filter(booking -> !booking.assigned() || !placedBefore.get(booking.id())
                        .equals(booking.resource().id() + "@" + booking.start()))
                .map(Booking::id).toList();
        assertThat(moved).as("placed by the previous round, moved in the first allocation").isEmpty();
        assertThat(soft(first, AllocationConstraints.STABILITY)).isZero();
    }

    @Test
    void aRequestMovedForNothingGoesBackWhereThePreviousRoundHadIt() throws IOException {
        var plan = laterRoundOfFirstCome();
        // The search moved one request to a free place for nothing: its old place stays free.
        var moved = moveOneToAFreePlace(plan);
        var before = scoring.score(plan);

        assertThat(ReturnToPrevious.settle(plan)).isEqualTo(1);

        assertThat(moved.placement()).isEqualTo(moved.previousPlacement());
        var after = scoring.score(plan);
        assertThat(after.mediumScore()).isEqualTo(before.mediumScore());
        assertThat(after.softScore()).isGreaterThan(before.softScore());
        assertThat(soft(plan, AllocationConstraints.STABILITY)).isZero();
    }

    @Test
    void aRequestWhoseOldPlaceIsTakenStaysWhereItIs() throws IOException {
        var plan = laterRoundOfFirstCome();
        var moved = moveOneToAFreePlace(plan);
        var oldPlace = moved.previousPlacement();
        // Someone unserved before now holds the old place: sending the request back would unserve them.
        var taker = plan.getBookings().stream().filter(booking -> !booking.assigned()
                && booking.candidates().contains(oldPlace)).findFirst();
        taker.ifPresent(booking -> booking.place(oldPlace));
        assertThat(taker).as("an unserved request that fits the old place").isPresent();

        assertThat(ReturnToPrevious.settle(plan)).isZero();

        assertThat(moved.placement()).isNotEqualTo(oldPlace);
    }

    /** The Hague sample as a later round after first-come's allocation (its previous allocations). */
    private static AllocationPlan laterRoundOfFirstCome() throws IOException {
        var sample = AllocationEngineTest.sample("hague-2025.json");
        var previousRound = FirstComeFirstServed.allocate(PlanBuilder.build(sample),
                FirstComeFirstServed.submissionOrder(sample.requests()));
        var previous = new ArrayList<ProblemDocument.Placement>();
        for (Booking booking : previousRound.getBookings()) {
            if (booking.assigned()) {
                previous.add(new ProblemDocument.Placement(booking.id(), booking.resource().id(),
                        previousRound.getTimeline().at(booking.start())));
            }
        }
        return PlanBuilder.build(new ProblemDocument(sample.event(), sample.zones(), sample.organisations(),
                sample.resources(), sample.requests(), sample.pinned(), previous));
    }

    /** Every request back where it was, then one moved to a free place of its own; returns that one. */
    private static Booking moveOneToAFreePlace(AllocationPlan plan) {
        WarmStart.fromPrevious(plan);
        var occupancy = Occupancy.of(plan.getBookings());
        var moved = plan.getBookings().stream().filter(booking -> !booking.pinned() && booking.assigned())
                .filter(booking -> freeElsewhere(booking, occupancy) != null).findFirst().orElseThrow();
        moved.place(freeElsewhere(moved, occupancy));
        return moved;
    }

    private static Placement freeElsewhere(Booking booking, Occupancy occupancy) {
        return booking.candidates().stream().filter(candidate -> !candidate.equals(booking.placement()))
                .filter(candidate -> occupancy.admits(booking.demand(), candidate)).findFirst().orElse(null);
    }

    /**
     * The first best solution of a solve that serves something, as the progress stream shows it (everything
     * unassigned counts as initialised too, and comes first).
     */
    private AllocationPlan firstSolution(AllocationPlan plan) {
        int nothingServed = -plan.getBookings().stream().mapToInt(Booking::weight).sum();
        Solver<AllocationPlan> built = solver.buildSolver(plan, Duration.ofSeconds(5));
        var first = new AtomicReference<AllocationPlan>();
        built.addEventListener(event -> {
            var score = (HardMediumSoftScore) event.getNewBestScore();
            if (event.isNewBestSolutionInitialized() && score.mediumScore() > nothingServed
                    && first.compareAndSet(null, event.getNewBestSolution())) {
                built.terminateEarly();
            }
        });
        built.solve(plan);
        return first.get();
    }

    private long soft(AllocationPlan plan, String rule) {
        return scoring.analyze(plan, false).constraintAnalyses().stream()
                .filter(constraint -> constraint.constraintName().equals(rule))
                .mapToLong(constraint -> -constraint.score().softScore()).sum();
    }
}
