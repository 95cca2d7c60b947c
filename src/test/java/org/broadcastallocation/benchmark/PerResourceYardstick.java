package org.broadcastallocation.benchmark;

import java.time.Duration;
import java.util.List;

import org.broadcastallocation.allocation.AllocationSolver;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.FirstComeFirstServed;
import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.allocation.Scoring;
import org.broadcastallocation.samples.InstanceGenerator;

/**
 * The yardstick issue 18 was written against: a CP-SAT model with one Boolean per placement on each resource
 * ({@link ExactAllocation}, hinted with first-come as {@link ExactComparison} does), on generated instances, scored
 * by the engine's rules. Compare with {@code LargeEventBenchmark} on the same seeds: {@code ./mvnw -q test-compile
 * exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.broadcastallocation.benchmark.PerResourceYardstick
 * -Dyardstick.requests=1200 -Dyardstick.scale=4 -Dyardstick.seeds=401 -Dyardstick.seconds=300}. Prints, asserts
 * nothing.
 */
public final class PerResourceYardstick {

    public static void main(String[] args) {
        int requests = Integer.getInteger("yardstick.requests", 1200);
        double scale = Double.parseDouble(System.getProperty("yardstick.scale", "4"));
        var limit = Duration.ofSeconds(Long.getLong("yardstick.seconds", 300));
        var scoring = new Scoring(AllocationSolver.loadConfig());
        for (String seed : List.of(System.getProperty("yardstick.seeds", "401").split(","))) {
            var document = InstanceGenerator.generate(requests, Long.parseLong(seed.trim()), scale);
            var plan = PlanBuilder.build(document);
            long total = plan.getBookings().stream().mapToLong(Booking::weight).sum();
            var firstCome = FirstComeFirstServed.allocate(PlanBuilder.build(document),
                    FirstComeFirstServed.submissionOrder(document.requests()));
            var exact = ExactAllocation.solve(plan, limit, firstCome);
            var score = scoring.score(exact.applyTo(PlanBuilder.build(document)));
            System.out.printf("seed-%s (%d requests): per-resource CP-SAT %d s: unserved %d, scored %s, floor %d%n",
                    seed.trim(), requests, limit.toSeconds(), exact.unservedWeight(total), score,
                    exact.unservedWeightFloor(total));
        }
    }
}
