package org.broadcastallocation.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.AllocationSolver;
import org.broadcastallocation.allocation.BoundSearch;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.allocation.Scoring;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ProblemDocument.Placement;

/**
 * How much a later round moves of the round before it: round 1 is solved once, then a second round with one
 * resource closed (as a what-if with {@code closedResources} builds it: the resource gone, the previous placements
 * on it dropped) and a second round with 10 served requests withdrawn, each solved by the previous production
 * solver (cold, as before) and by today's (warm from {@code previousAllocations}), in the same process. Prints per
 * round: the score, and against round 1 the requests moved, newly unserved and newly served, the requests that had
 * to move (those on the closed resource) counted apart. Then the fill: round 1 published (every placement pinned),
 * one served request cancelled, and the fill the service plans at once (only the waitlisted compete for the freed
 * place), timed from its snapshot to its solution with the service's budget ({@code -Dreplan.fillSeconds=}, 1 as in
 * {@code broadcast.fills.seconds}). A benchmark, not a test: it asserts nothing.
 *
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=org.broadcastallocation.benchmark.ReplanningBenchmark \
 *     -Dreplan.instance=hague-2025 -Dreplan.closed=SO-01 -Dreplan.seconds=10 -Dreplan.repeats=2
 * </pre>
 */
public final class ReplanningBenchmark {

    private final PrintStream out;
    private final Scoring scoring = new Scoring(AllocationSolver.loadConfig());

    public ReplanningBenchmark(PrintStream out) {
        this.out = out;
    }

    /** Against the previous round: moved (placed in both, elsewhere), dropped (no longer served), added (now served). */
    public record Moves(int moved, int dropped, int added, int forced, int forcedPlaced) {
        int total() {
            return moved + dropped + added;
        }
    }

    public static void main(String[] args) throws IOException {
        String name = System.getProperty("replan.instance", "hague-2025");
        String closed = System.getProperty("replan.closed", "SO-01");
        var seconds = Duration.ofSeconds(Long.getLong("replan.seconds", 10));
        int repeats = Integer.getInteger("replan.repeats", 2);
        var benchmark = new ReplanningBenchmark(System.out);
        var document = SoftLevelBenchmark.instance(name);
        // Round 1 may be given longer (-Dreplan.firstSeconds=30): a round 1 short of the medium optimum leaves its
        // successor weight to gain, and what it moves for that is not what the change required.
        var firstSeconds = Duration.ofSeconds(Long.getLong("replan.firstSeconds", seconds.toSeconds()));
        var candidates = new ArrayList<>(List.of(
                SoftLevelBenchmark.Candidate.of("baseline", SoftLevelBenchmark.BASELINE_CONFIG, false, false),
                new SoftLevelBenchmark.Candidate("alone", AllocationSolver.loadConfig(), true, false),
                new SoftLevelBenchmark.Candidate("today", AllocationSolver.loadConfig(), true, true),
                SoftLevelBenchmark.Candidate.of("two-phase", SoftLevelBenchmark.TWO_PHASE_CONFIG, true, true)));
        var only = System.getProperty("replan.only", "");
        if (!only.isBlank()) {
            candidates.removeIf(candidate -> !List.of(only.split(",")).contains(candidate.name()));
        }
        for (int repeat = 0; repeat < repeats; repeat++) {
            var firstPlan = PlanBuilder.build(document);
            var firstBound = BoundSearch.start(firstPlan, firstSeconds, BoundSearch.WORKERS);
            var first = new SoftLevelBenchmark.Candidate("today", AllocationSolver.loadConfig(), true, true)
                    .solver(repeat).solve(firstPlan, firstSeconds, best -> {
                    }, firstBound);
            firstBound.finish();
            var previous = placements(first);
            System.out.printf("%n%s round 1 (today's solver, %d s): %s, %d placed%n", name, firstSeconds.toSeconds(),
                    first.getScore(), previous.size());
            var closure = closing(document, previous, closed);
            var cancellations = withdrawing(document, previous, 10, new Random(repeat));
            benchmark.fill(document, previous, Duration.ofSeconds(Long.getLong("replan.fillSeconds", 1)),
                    new Random(repeat));
            for (var candidate : candidates) {
                benchmark.round(candidate, repeat, "closed " + closed, closure, previous, seconds,
                        onResource(previous, closed));
                benchmark.round(candidate, repeat, "10 withdrawn", cancellations, previous, seconds, Set.of());
            }
        }
    }

    /**
     * Round 1 published, one of its served requests cancelled: the fill snapshot (the rest pinned, the unserved as
     * the waitlist) solved as the service solves a fill. Prints its time, score and whether the freed place is taken.
     */
    void fill(ProblemDocument document, List<Placement> published, Duration limit, Random random) {
        var cancelled = published.get(random.nextInt(published.size()));
        var pins = published.stream().filter(pin -> !pin.request().equals(cancelled.request())).toList();
        var served = new HashSet<String>();
        published.forEach(pin -> served.add(pin.request()));
        var snapshot = new ProblemDocument(document.event(), document.zones(), document.organisations(),
                document.resources(), document.requests().stream().filter(request -> !request.id()
                        .equals(cancelled.request())).toList(), pins, List.of());
        int waitlisted = snapshot.requests().size() - pins.size();
        long started = System.nanoTime();
        var plan = PlanBuilder.build(snapshot);
        var best = AllocationSolver.withProjectConfig().solve(plan, limit, progress -> {
        });
        long millis = (System.nanoTime() - started) / 1_000_000;
        var after = placements(best);
        long newlyServed = after.stream().filter(placement -> !served.contains(placement.request())).count();
        boolean freedTaken = after.stream().anyMatch(placement -> !served.contains(placement.request())
                && placement.resource().equals(cancelled.resource()));
        out.printf("  fill after cancelling %s (%s): %d ms (budget %d s), %s, %d of %d waitlisted served, freed"
                + " place %s%n", cancelled.request(), cancelled.resource(), millis, limit.toSeconds(),
                best.getScore(), newlyServed, waitlisted, freedTaken ? "taken" : "left free (nobody fits)");
    }

    /** The document as a what-if with the resource closed sees it. */
    static ProblemDocument closing(ProblemDocument document, List<Placement> previous, String resource) {
        return new ProblemDocument(document.event(), document.zones(), document.organisations(),
                document.resources().stream().filter(r -> !r.id().equals(resource)).toList(), document.requests(),
                document.pinned(), previous.stream().filter(p -> !p.resource().equals(resource)).toList());
    }

    /** The document with {@code count} of the previously served requests withdrawn. */
    static ProblemDocument withdrawing(ProblemDocument document, List<Placement> previous, int count, Random random) {
        var served = new ArrayList<>(previous.stream().map(Placement::request).toList());
        java.util.Collections.shuffle(served, random);
        var withdrawn = new HashSet<>(served.subList(0, Math.min(count, served.size())));
        return new ProblemDocument(document.event(), document.zones(), document.organisations(), document.resources(),
                document.requests().stream().filter(r -> !withdrawn.contains(r.id())).toList(), document.pinned(),
                previous.stream().filter(p -> !withdrawn.contains(p.request())).toList());
    }

    private static Set<String> onResource(List<Placement> previous, String resource) {
        var on = new HashSet<String>();
        previous.stream().filter(p -> p.resource().equals(resource)).forEach(p -> on.add(p.request()));
        return on;
    }

    void round(SoftLevelBenchmark.Candidate of, long seed, String change, ProblemDocument document,
            List<Placement> previous, Duration limit, Set<String> forced) {
        var solver = of.solver(seed);
        String candidate = of.name();
        var plan = PlanBuilder.build(document);
        var timefold = solver.buildSolver(plan, limit);
        var bound = of.exact() ? BoundSearch.start(plan, limit, BoundSearch.WORKERS) : null;
        if (bound != null) {
            bound.seed(timefold);
        }
        var searched = timefold.solve(plan);
        if (bound != null) {
            bound.finish();
        }
        // Before and after ReturnToPrevious, of the same run: what the search moved, and what stays moved.
        var searchedMoves = moves(previous, placements(searched), requestIds(document), forced);
        var searchedScore = searched.getScore();
        var best = solver.settle(searched);
        var moves = moves(previous, placements(best), requestIds(document), forced);
        out.printf("  %-14s %-9s %-24s moves %3d (moved %3d) as searched, before ReturnToPrevious%n", change,
                candidate, searchedScore, searchedMoves.total(), searchedMoves.moved());
        var stability = -scoring.analyze(best, false).constraintAnalyses().stream()
                .filter(constraint -> constraint.constraintName().equals("Stability"))
                .mapToLong(constraint -> constraint.score().softScore()).sum();
        out.printf("  %-14s %-9s %-24s moves %3d (moved %3d, no longer served %2d, newly served %2d), stability -%d;"
                + " had to move: %d (placed again %d)%s%n", change, candidate, best.getScore(), moves.total(),
                moves.moved(), moves.dropped(), moves.added(), stability, moves.forced(), moves.forcedPlaced(),
                scoring.score(best).equals(best.getScore()) ? "" : " RESCORE DIFFERS");
    }

    /** Round 2's changes against round 1, over the requests of round 2; the forced ones counted apart. */
    static Moves moves(List<Placement> before, List<Placement> after, Set<String> requests, Set<String> forced) {
        Map<String, Placement> was = byRequest(before);
        Map<String, Placement> now = byRequest(after);
        int moved = 0;
        int dropped = 0;
        int added = 0;
        int forcedPlaced = 0;
        for (String request : requests) {
            var old = was.get(request);
            var current = now.get(request);
            if (forced.contains(request)) {
                forcedPlaced += current == null ? 0 : 1;
            } else if (old != null && current == null) {
                dropped++;
            } else if (old == null && current != null) {
                added++;
            } else if (old != null && (!old.resource().equals(current.resource())
                    || !old.start().isEqual(current.start()))) {
                moved++;
            }
        }
        return new Moves(moved, dropped, added, forced.size(), forcedPlaced);
    }

    private static Set<String> requestIds(ProblemDocument document) {
        var ids = new HashSet<String>();
        document.requests().forEach(request -> ids.add(request.id()));
        return ids;
    }

    static List<Placement> placements(AllocationPlan plan) {
        var placements = new ArrayList<Placement>();
        for (Booking booking : plan.getBookings()) {
            if (booking.assigned()) {
                placements.add(new Placement(booking.id(), booking.resource().id(),
                        plan.getTimeline().at(booking.start())));
            }
        }
        return placements;
    }

    private static Map<String, Placement> byRequest(List<Placement> placements) {
        var byRequest = new HashMap<String, Placement>();
        placements.forEach(placement -> byRequest.put(placement.request(), placement));
        return byRequest;
    }
}
