package org.broadcastallocation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.broadcastallocation.engine.AllocationEngine.Strategy;
import org.broadcastallocation.common.Json;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.report.AllocationReport;
import org.broadcastallocation.report.AllocationReport.Allocation;

/** The second opinion can say no: a sound report passes, and each kind of broken report is caught. */
class IndependentHardRulesTest {

    private static ProblemDocument tiny;
    private static AllocationReport report;

    @BeforeAll
    static void firstComeOnTiny() throws IOException {
        tiny = Json.mapper().readValue(Files.readString(Path.of("data-samples/tiny.json")), ProblemDocument.class);
        report = AllocationEngine.withProjectConfig().solve(tiny, Strategy.FCFS, null, best -> { });
    }

    @Test
    void aSoundReportPasses() {
        assertThat(IndependentHardRules.broken(tiny, report)).isEmpty();
    }

    @Test
    void twoRequestsOnOnePlaceAtOnceAreCaught() {
        var first = report.allocations().get(0);
        var other = report.unassigned().stream().filter(u -> u.type() == first.type()).findFirst().orElseThrow();
        var copy = new Allocation(other.request(), other.organisation(), other.type(), first.resource(),
                first.start(), first.end(), false);
        var broken = IndependentHardRules.broken(tiny, with(list -> {
            list.add(copy);
            return list;
        }));

        assertThat(broken).anyMatch(problem -> problem.startsWith("double-booked " + first.resource()));
    }

    @Test
    void aResourceOfAnotherTypeIsCaught() {
        var first = report.allocations().get(0);
        var wrong = tiny.resources().stream().filter(r -> r.type() != first.type()).findFirst().orElseThrow();

        var broken = IndependentHardRules.broken(tiny, with(list -> {
            list.set(0, new Allocation(first.request(), first.organisation(), first.type(), wrong.id(),
                    first.start(), first.end(), false));
            return list;
        }));

        assertThat(broken).anyMatch(problem -> problem.contains("type"));
    }

    @Test
    void aMovedPinIsCaught() {
        var first = report.allocations().get(0);
        var pinned = new ProblemDocument(tiny.event(), tiny.zones(), tiny.organisations(), tiny.resources(),
                tiny.requests(), List.of(new ProblemDocument.Placement(first.request(), first.resource(),
                        first.start().plusMinutes(15))), List.of());

        assertThat(IndependentHardRules.broken(pinned, report)).anyMatch(problem -> problem.contains("moved"));
    }

    @Test
    void aBookingOffTheGrainOrTooShortIsCaught() {
        var first = report.allocations().get(0);

        var broken = IndependentHardRules.broken(tiny, with(list -> {
            list.set(0, new Allocation(first.request(), first.organisation(), first.type(), first.resource(),
                    first.start().plusMinutes(5), first.end(), false));
            return list;
        }));

        assertThat(broken).anyMatch(problem -> problem.contains("grain"))
                .anyMatch(problem -> problem.contains("lasts"));
    }

    private static AllocationReport with(UnaryOperator<List<Allocation>> change) {
        var allocations = change.apply(new ArrayList<>(report.allocations()));
        return new AllocationReport(report.event(), report.round(), report.status(), report.strategy(),
                report.score(), report.solvingMillis(), allocations, report.unassigned(), report.constraints(),
                report.hardViolations(), report.summary(), report.comparison(), report.bounds());
    }
}
