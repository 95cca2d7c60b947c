package org.broadcastallocation.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.broadcastallocation.allocation.AllocationSolver;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.FirstComeFirstServed;
import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.allocation.Scoring;

/**
 * How much less unserved weight than first-come is possible, proved by CP-SAT, and how much of that the engine
 * gets in 10 s and 30 s: {@code ./mvnw -q test-compile exec:java -Pexact [-Dexact.instances=hague-2025,generated-4x]
 * [-Dexact.seconds=120]}. A benchmark, not a test: it prints figures and asserts nothing.
 */
public final class ExactComparison {

    public static void main(String[] args) throws Exception {
        var wanted = List.of(System.getProperty("exact.instances", "tiny,hague-2025").split(","));
        var limit = Duration.ofSeconds(Long.getLong("exact.seconds", 120));
        var benchmark = new AllocationBenchmark(System.out);
        var scoring = new Scoring(AllocationSolver.loadConfig());
        System.out.printf("%-15s %8s %10s %10s %18s %22s %12s %12s %9s %9s %9s%n", "instance", "weight", "fcfs unsrv",
                "exact", "exact status", "exact rescored", "engine 10 s", "engine 30 s", "-exact", "-10 s", "-30 s");
        for (var instance : AllocationBenchmark.instances(Path.of("data-samples"))) {
            if (!wanted.contains(instance.name())) {
                continue;
            }
            var plan = PlanBuilder.build(instance.document());
            long total = plan.getBookings().stream().mapToLong(Booking::weight).sum();
            var firstCome = FirstComeFirstServed.allocate(PlanBuilder.build(instance.document()),
                    FirstComeFirstServed.submissionOrder(instance.document().requests()));
            long firstComeUnserved = firstCome.getBookings().stream().filter(booking -> !booking.assigned())
                    .mapToLong(Booking::weight).sum();
            var exact = ExactAllocation.solve(plan, limit, firstCome);
            // CP-SAT's allocation scored by the engine's constraints: the two models must agree on it.
            var rescored = scoring.score(exact.applyTo(PlanBuilder.build(instance.document())));
            var engine = benchmark.measure(instance, Duration.ofSeconds(30));
            long at10 = -engine.bestAt10s().mediumScore();
            long at30 = -engine.bestAt30s().mediumScore();
            String status = exact.optimal() ? "optimal " + exact.millis() / 1000 + " s"
                    : "floor " + exact.unservedWeightFloor(total) + " (" + exact.millis() / 1000 + " s)";
            System.out.printf("%-15s %8d %10d %10d %18s %22s %12d %12d %8.1f%% %8.1f%% %8.1f%%%n", instance.name(), total,
                    firstComeUnserved, exact.unservedWeight(total), status, rescored, at10, at30,
                    less(exact.unservedWeight(total), firstComeUnserved), less(at10, firstComeUnserved),
                    less(at30, firstComeUnserved));
        }
        System.out.println("-x: how much less weight is left unserved than first-come leaves.");
    }

    private static double less(long unserved, long firstComeUnserved) {
        return firstComeUnserved == 0 ? 0 : 100.0 * (firstComeUnserved - unserved) / firstComeUnserved;
    }
}
