package org.broadcastallocation.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.timefold.solver.benchmark.api.PlannerBenchmarkFactory;
import ai.timefold.solver.benchmark.config.PlannerBenchmarkConfig;
import ai.timefold.solver.benchmark.config.SolverBenchmarkConfig;
import org.junit.jupiter.api.Test;

import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.common.Json;
import org.broadcastallocation.problem.ProblemDocument;

/** The benchmark command runs for minutes before it would find a configuration Timefold refuses; this finds it now. */
class BenchmarkConfigTest {

    @Test
    void everyCandidateConfigurationBuildsAndTheFirstIsTheProductionOne() throws IOException {
        var config = PlannerBenchmarkConfig.createFromXmlFile(Path.of("solver-config/benchmark-config.xml").toFile());
        var tiny = PlanBuilder.build(Json.mapper().readValue(Files.readAllBytes(Path.of("data-samples/tiny.json")),
                ProblemDocument.class));

        assertThatCode(() -> PlannerBenchmarkFactory.create(config).buildPlannerBenchmark(tiny))
                .doesNotThrowAnyException();
        assertThat(config.getSolverBenchmarkConfigList()).extracting(SolverBenchmarkConfig::getName)
                .first().asString().startsWith("Production");
        String production = Files.readString(Path.of("solver-config/solver-config.xml"));
        assertThat(production).contains("EvictingRehomingMoves", "EvictingPlacementMoves", "ResourceSwapMoves");
    }
}
