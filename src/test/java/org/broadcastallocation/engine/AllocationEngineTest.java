package org.broadcastallocation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import ai.timefold.solver.core.config.solver.EnvironmentMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.broadcastallocation.allocation.AllocationSolver;
import org.broadcastallocation.engine.AllocationEngine.Strategy;
import org.broadcastallocation.common.Json;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.report.AllocationReport;

/**
 * The engine on the data samples. tiny.json is small enough to work out by hand (data-samples/README.md): the
 * solver must reach exactly that optimum, and first-come exactly its own, worse, result.
 */
class AllocationEngineTest {

    private static AllocationEngine engine;

    @BeforeAll
    static void engine() {
        engine = AllocationEngine.withProjectConfig();
    }

    @Test
    void tinyIsSolvedToItsHandWorkedOptimum() throws IOException {
        var report = engine.solve(sample("tiny.json"), Strategy.OPTIMISE, Duration.ofSeconds(5), best -> { });

        assertThat(report.score()).isEqualTo(new AllocationReport.Score(0, -290, -210, true));
        assertThat(report.unassigned()).extracting(AllocationReport.Unassigned::request)
                .containsExactlyInAnyOrder("b1", "b2", "b5", "b6", "s3", "t2", "p4");
        assertThat(resources(report)).containsAllEntriesOf(Map.of(
                "b4", "EB-1", "b3", "EB-2", "p2", "SNG-1", "p1", "SNG-2", "p3", "OB-1"));
        assertThat(starts(report)).containsAllEntriesOf(Map.of(
                "t1", "2025-06-24T10:00+02:00", "t3", "2025-06-24T11:00+02:00",
                "s1", "2025-06-24T09:00+02:00", "s2", "2025-06-24T10:00+02:00"));
    }

    @Test
    void firstComeOnTinyServesLessThanTheOptimum() throws IOException {
        var report = engine.solve(sample("tiny.json"), Strategy.FCFS, null, best -> { });

        assertThat(report.score()).isEqualTo(new AllocationReport.Score(0, -420, -260, true));
        assertThat(report.unassigned()).extracting(AllocationReport.Unassigned::request)
                .containsExactlyInAnyOrder("b2", "b3", "b4", "b5", "s3", "t3", "p4");
    }

    @Test
    void fullAssertFindsNoScoreCorruptionOnTiny() throws IOException {
        var config = AllocationSolver.loadConfig().withEnvironmentMode(EnvironmentMode.FULL_ASSERT);
        var asserting = new AllocationEngine(new AllocationSolver(config));

        // FULL_ASSERT recomputes the score after every move and throws on any difference; how far it gets in the
        // time is the machine's business (the optimum itself is asserted above, without the assertions' cost).
        var report = asserting.solve(sample("tiny.json"), Strategy.OPTIMISE, Duration.ofSeconds(3), best -> { });

        assertThat(report.score().feasible()).isTrue();
        assertThat(report.score().medium()).isBetween(-420, -290);
    }

    @Test
    void theHagueSampleSolvesToAFeasibleReportThatRecomputesAndBeatsFirstCome() throws IOException {
        var document = sample("hague-2025.json");

        var report = engine.solve(document, Strategy.OPTIMISE, Duration.ofSeconds(5), best -> { });

        assertThat(report.score().feasible()).isTrue();
        assertThat(report.allocations().size() + report.unassigned().size()).isEqualTo(300);
        assertThat(report.unassigned()).allSatisfy(unassigned -> assertThat(unassigned.reasons()).isNotEmpty());
        assertThat(report.comparison().moreWeightServed()).isPositive();
        var check = ReportCheck.check(document, report, engine.scoring());
        assertThat(check.problems()).isEmpty();
        assertThat(check.recomputed()).isEqualTo(report.score());
    }

    @Test
    void vansOfDecimalLengthsParkByTheCapacityRuleExactly() throws IOException {
        // The 7.6 m van asks first and weighs more: rounded to whole metres (or cut) it would take the 7.5 m bay.
        var document = Json.mapper().readValue(AllocationEngineTest.class.getResourceAsStream("/decimal-metres.json"),
                ProblemDocument.class);

        for (var strategy : Strategy.values()) {
            var report = engine.solve(document, strategy, Duration.ofSeconds(2), best -> { });

            assertThat(resources(report)).as(strategy.name())
                    .containsEntry("van-75", "SNG-75").containsEntry("ob-16", "OB-16").doesNotContainKey("van-76");
            assertThat(report.unassigned()).as(strategy.name()).singleElement().satisfies(unassigned -> {
                assertThat(unassigned.request()).isEqualTo("van-76");
                assertThat(unassigned.reasons()).anyMatch(reason -> reason.contains("of 7.6 m")
                        && reason.contains("7.5 m"));
            });
            assertThat(ReportCheck.check(document, report, engine.scoring()).problems()).isEmpty();
        }
    }

    @Test
    void aSlotThatFitsNoResourceIsUnassignedWithItsReasonNotAFailedSolve() {
        // A crew of 3 for stand-ups that hold 2: no candidate at all, the slot's start range is empty.
        var document = org.broadcastallocation.Fixture.hague().zone("OUT", 0)
                .organisation("nos", org.broadcastallocation.problem.OrganisationKind.BROADCASTER)
                .resource("SO-01", org.broadcastallocation.problem.ResourceType.STANDUP_OUTDOOR, "OUT", 600, 0, 2)
                .request("big-crew", "nos", org.broadcastallocation.problem.ResourceType.STANDUP_OUTDOOR)
                .window("24 07:00", "24 12:00").slot(60).crew(3).and()
                .request("fits", "nos", org.broadcastallocation.problem.ResourceType.STANDUP_OUTDOOR)
                .window("24 07:00", "24 12:00").slot(60).crew(2).document();

        var report = engine.solve(document, Strategy.OPTIMISE, Duration.ofSeconds(1), best -> { });

        assertThat(report.score().feasible()).isTrue();
        assertThat(resources(report)).containsOnlyKeys("fits");
        assertThat(report.unassigned()).singleElement().satisfies(unassigned -> {
            assertThat(unassigned.request()).isEqualTo("big-crew");
            assertThat(unassigned.reasons()).isNotEmpty();
        });
    }

    private static Map<String, String> resources(AllocationReport report) {
        return report.allocations().stream().collect(Collectors.toMap(AllocationReport.Allocation::request,
                AllocationReport.Allocation::resource));
    }

    private static Map<String, String> starts(AllocationReport report) {
        return report.allocations().stream().collect(Collectors.toMap(AllocationReport.Allocation::request,
                allocation -> allocation.start().toString()));
    }

    static ProblemDocument sample(String name) throws IOException {
        return Json.mapper().readValue(Files.readAllBytes(Path.of("data-samples", name)), ProblemDocument.class);
    }
}
