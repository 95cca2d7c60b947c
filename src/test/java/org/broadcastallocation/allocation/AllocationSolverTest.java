package org.broadcastallocation.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.solver.SolverConfig;
import org.junit.jupiter.api.Test;

import org.broadcastallocation.samples.InstanceGenerator;

/** The configuration follows the benchmark: late acceptance up to the Hague size, tabu search for large events. */
class AllocationSolverTest {

    private final SolverConfig production = AllocationSolver.loadConfig();

    @Test
    void aHagueSizedEventIsSolvedWithLateAcceptance() {
        var plan = PlanBuilder.build(InstanceGenerator.generate(300, 1, 1.0));

        var acceptor = localSearch(AllocationSolver.forSize(production, plan)).getAcceptorConfig();

        assertThat(acceptor.getLateAcceptanceSize()).isEqualTo(400);
        assertThat(acceptor.getEntityTabuRatio()).isNull();
    }

    @Test
    void anEventOfAThousandRequestsOrMoreIsSolvedWithTabuSearchAndTheSameMoves() {
        var plan = PlanBuilder.build(InstanceGenerator.generate(AllocationSolver.LARGE, 1, 4.0));

        var large = localSearch(AllocationSolver.forSize(production, plan));

        assertThat(large.getAcceptorConfig().getEntityTabuRatio()).isEqualTo(0.05);
        assertThat(large.getAcceptorConfig().getLateAcceptanceSize()).isNull();
        assertThat(large.getForagerConfig().getAcceptedCountLimit()).isEqualTo(500);
        assertThat(large.getMoveSelectorConfig()).usingRecursiveComparison()
                .isEqualTo(localSearch(production).getMoveSelectorConfig());
        assertThat(localSearch(production).getAcceptorConfig().getLateAcceptanceSize())
                .as("the loaded configuration itself is untouched").isEqualTo(400);
    }

    private static LocalSearchPhaseConfig localSearch(SolverConfig config) {
        return config.getPhaseConfigList().stream().filter(LocalSearchPhaseConfig.class::isInstance)
                .map(LocalSearchPhaseConfig.class::cast).findFirst().orElseThrow();
    }
}
