package org.broadcastallocation.benchmark;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.broadcastallocation.allocation.AllocationSolver;
import org.broadcastallocation.allocation.BoundSearch;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.allocation.Scoring;
import org.broadcastallocation.engine.AllocationEngine;
import org.broadcastallocation.engine.AllocationEngine.Strategy;
import org.broadcastallocation.engine.ReportCheck;
import org.broadcastallocation.samples.InstanceGenerator;

/**
 * Large events against CP-SAT given ten times as long: per generated instance, CP-SAT alone (the pooled model of
 * {@code ExactBound}, all cores, {@code -Dlarge.exactSeconds}, 300 by default) and then the engine as a round runs it
 * ({@code -Dlarge.seconds}, 30: Timefold with CP-SAT beside it handing over what it finds). Prints each one's
 * unserved weight (CP-SAT's allocation scored by the engine's own rules), the best bound either proved, and the
 * engine's result against both. A benchmark, not a test: it asserts nothing.
 *
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=org.broadcastallocation.benchmark.LargeEventBenchmark \
 *     -Dlarge.requests=1200 -Dlarge.scale=4 -Dlarge.seeds=401,402,403,404,405
 * </pre>
 *
 * Seeds: the production configuration was chosen on generator seeds 4 (1,200) and 10 (3,000) in November; any other
 * seed is one it never saw.
 */
public final class LargeEventBenchmark {

    /** One instance: CP-SAT's and the engine's unserved weight, and the best floor known. */
    public record Result(String instance, long total, long exactUnserved, String exactScore, long floor,
            boolean proved, long engineUnserved, String engineScore, long firstFeasibleMillis, boolean rescores,
            long aloneUnserved) {

        double engineAgainstExactPercent() {
            return 100.0 * (engineUnserved - exactUnserved) / Math.max(1, exactUnserved);
        }

        double engineAboveFloorPercent() {
            return 100.0 * (engineUnserved - floor) / Math.max(1, floor);
        }
    }

    private final PrintStream out;
    private final Scoring scoring = new Scoring(AllocationSolver.loadConfig());

    public LargeEventBenchmark(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int requests = Integer.getInteger("large.requests", 1200);
        double scale = Double.parseDouble(System.getProperty("large.scale", "4"));
        var seeds = List.of(System.getProperty("large.seeds", "401,402,403,404,405").split(","));
        var exactLimit = Duration.ofSeconds(Long.getLong("large.exactSeconds", 300));
        var limit = Duration.ofSeconds(Long.getLong("large.seconds", 30));
        int workers = Integer.getInteger("large.workers", Runtime.getRuntime().availableProcessors());
        var benchmark = new LargeEventBenchmark(System.out);
        var results = new ArrayList<Result>();
        for (String seed : seeds) {
            var result = benchmark.measure(requests, scale, Long.parseLong(seed.trim()), exactLimit, workers, limit);
            results.add(result);
            benchmark.print(result);
        }
        System.out.printf("%n%d requests, scale %s: engine %d s against CP-SAT %d s (%d workers)%n", requests, scale,
                limit.toSeconds(), exactLimit.toSeconds(), workers);
        System.out.printf("%-12s %8s %14s %14s %14s %12s %12s %12s %10s%n", "instance", "weight", "CP-SAT unsrv",
                "alone unsrv", "engine unsrv", "engine-CPSAT", "floor", "engine>floor", "1st feas.");
        for (Result result : results) {
            System.out.printf("%-12s %8d %14d %14d %14d %11.1f%% %11d%s %11.1f%% %8d ms%s%n", result.instance(),
                    result.total(), result.exactUnserved(), result.aloneUnserved(), result.engineUnserved(),
                    result.engineAgainstExactPercent(), result.floor(), result.proved() ? "*" : " ",
                    result.engineAboveFloorPercent(), result.firstFeasibleMillis(),
                    result.rescores() ? "" : "  RESCORE DIFFERS");
        }
        System.out.println("alone: Timefold without CP-SAT beside it, same time; engine-CPSAT: how much more (+) or"
                + " less (-) weight the engine leaves unserved than CP-SAT; floor: no allocation leaves less (* proved"
                + " optimal).");
    }

    Result measure(int requests, double scale, long seed, Duration exactLimit, int workers, Duration limit) {
        var document = InstanceGenerator.generate(requests, seed, scale);
        String name = "seed-" + seed;
        var plan = PlanBuilder.build(document);
        long total = plan.getBookings().stream().mapToLong(Booking::weight).sum();

        var exact = BoundSearch.start(plan, exactLimit, workers);
        var exactFloor = exact.awaitEnd();
        var exactPlan = exact.exactAllocation(PlanBuilder.build(document));
        var exactScore = scoring.score(exactPlan);
        out.printf("%s: CP-SAT %d s: %s, floor %d (%s)%n", name, exactLimit.toSeconds(), exactScore,
                exactFloor.unservedFloor(), exactFloor.method());

        var firstFeasible = new AtomicLong(-1);
        long started = System.nanoTime();
        var report = AllocationEngine.withProjectConfig().solve(document, Strategy.OPTIMISE, limit, best -> {
            if (best.initialized() && best.score().isFeasible()) {
                firstFeasible.compareAndSet(-1, (System.nanoTime() - started) / 1_000_000);
            }
        });
        var alone = AllocationSolver.withProjectConfig().solve(PlanBuilder.build(document), limit, best -> { });
        out.printf("%s: Timefold alone %d s: %s%n", name, limit.toSeconds(), alone.getScore());
        long floor = Math.max(exactFloor.unservedFloor(), -report.bounds().medium());
        boolean proved = "exact".equals(exactFloor.method()) || report.bounds().proven();
        var engineScore = report.score();
        return new Result(name, total, exactScore.hardScore() < 0 ? Long.MAX_VALUE : -exactScore.mediumScore(),
                exactScore.toString(), floor, proved, -engineScore.medium(),
                engineScore.hard() + "hard/" + engineScore.medium() + "medium/" + engineScore.soft() + "soft",
                firstFeasible.get(), ReportCheck.check(document, report, scoring).ok(),
                -alone.getScore().mediumScore());
    }

    void print(Result result) {
        out.printf("%s: engine %s, first feasible %d ms; CP-SAT %s; floor %d%s%n", result.instance(),
                result.engineScore(), result.firstFeasibleMillis(), result.exactScore(), result.floor(),
                result.proved() ? " (proved)" : "");
    }
}
