package org.broadcastallocation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import org.broadcastallocation.engine.AllocationEngine.Strategy;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ProblemValidator;
import org.broadcastallocation.report.AllocationReport;
import org.broadcastallocation.samples.InstanceGenerator;

/**
 * The engine on random small valid problems (sites from a fifth to twice the Hague, 2 to 80 requests, some with
 * published pins): whatever it returns, optimised or first-come, breaks no hard rule (checked by
 * {@link IndependentHardRules}, which shares no code with the constraints), keeps every pin, accounts for every
 * request exactly once, and carries the score that recomputing it from its allocations gives.
 */
class AllocationEnginePropertyTest {

    private static final AllocationEngine ENGINE = AllocationEngine.withProjectConfig();

    @Property(tries = 12)
    void anOptimisedReportKeepsEveryHardRuleAndItsScoreIsTheRecomputedOne(
            @ForAll @IntRange(min = 2, max = 80) int requests, @ForAll long seed, @ForAll("scales") double scale) {
        var document = InstanceGenerator.generate(requests, seed, scale);

        var report = ENGINE.solve(document, Strategy.OPTIMISE, Duration.ofMillis(400), best -> { });

        holds(document, report);
        assertThat(report.comparison()).isNotNull();
    }

    @Property(tries = 60)
    void aFirstComeReportKeepsEveryHardRuleAndItsScoreIsTheRecomputedOne(
            @ForAll @IntRange(min = 2, max = 150) int requests, @ForAll long seed, @ForAll("scales") double scale) {
        var document = InstanceGenerator.generate(requests, seed, scale);

        holds(document, ENGINE.solve(document, Strategy.FCFS, null, best -> { }));
    }

    @Property(tries = 8)
    void publishedAllocationsStayWhereTheyWere(@ForAll @IntRange(min = 5, max = 80) int requests,
            @ForAll long seed, @ForAll("scales") double scale, @ForAll @IntRange(min = 1, max = 4) int everyNth) {
        var generated = InstanceGenerator.generate(requests, seed, scale);
        var firstCome = ENGINE.solve(generated, Strategy.FCFS, null, best -> { }).allocations();
        var pins = new ArrayList<ProblemDocument.Placement>();
        for (int i = 0; i < firstCome.size(); i += everyNth) {
            var allocation = firstCome.get(i);
            pins.add(new ProblemDocument.Placement(allocation.request(), allocation.resource(), allocation.start()));
        }
        var document = new ProblemDocument(generated.event(), generated.zones(), generated.organisations(),
                generated.resources(), generated.requests(), pins, List.of());
        assertThat(ProblemValidator.validate(document)).isEmpty();

        var report = ENGINE.solve(document, Strategy.OPTIMISE, Duration.ofMillis(400), best -> { });

        holds(document, report);
        assertThat(report.allocations().stream().filter(AllocationReport.Allocation::pinned)).hasSize(pins.size());
    }

    private static void holds(ProblemDocument document, AllocationReport report) {
        assertThat(IndependentHardRules.broken(document, report)).isEmpty();
        var check = ReportCheck.check(document, report, ENGINE.scoring());
        assertThat(check.problems()).isEmpty();
        assertThat(report.score().hard()).isZero();
        assertThat(report.hardViolations()).isNullOrEmpty();
        var accounted = new HashSet<String>();
        report.allocations().forEach(allocation -> assertThat(accounted.add(allocation.request())).isTrue());
        report.unassigned().forEach(unassigned -> assertThat(accounted.add(unassigned.request())).isTrue());
        assertThat(accounted).hasSize(document.requests().size());
    }

    @Provide
    Arbitrary<Double> scales() {
        return Arbitraries.of(0.2, 0.5, 1.0, 2.0);
    }
}
