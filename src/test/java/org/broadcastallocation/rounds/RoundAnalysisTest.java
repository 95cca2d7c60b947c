package org.broadcastallocation.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.Fixture.at;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.broadcastallocation.Fixture;
import org.broadcastallocation.allocation.AllocationConstraints;
import org.broadcastallocation.engine.AllocationEngine;

class RoundAnalysisTest {

    private final AllocationEngine engine = AllocationEngine.withProjectConfig();

    @Test
    void eachRuleWithItsLevelItsTotalAndEachMatchInWordsForTheRoundsOwnPlacements() {
        var problem = Fixture.hague().zone("EDIT", 1).organisation("nos", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 0, 0, 2)
                .request("r-1", "nos", EDIT_BOOTH).slot(60).and()
                .request("r-2", "nos", EDIT_BOOTH).slot(60).and()
                .request("r-3", "nos", EDIT_BOOTH).slot(60).document();
        // Two requests on the one booth at once, and the third left out.
        var placed = List.of(new Rounds.Placed("r-1", "EB-01", at("24 09:00"), at("24 10:00"), false, false),
                new Rounds.Placed("r-2", "EB-01", at("24 09:30"), at("24 10:30"), false, false));

        var rules = RoundAnalysis.of(problem, placed, engine.scoring());

        var doubleBooking = rule(rules, AllocationConstraints.NO_DOUBLE_BOOKING);
        assertThat(doubleBooking.level()).isEqualTo("hard");
        assertThat(doubleBooking.score()).isNegative();
        assertThat(doubleBooking.matches()).isEqualTo(1);
        assertThat(doubleBooking.justifications()).singleElement().asString().contains("r-1", "r-2", "EB-01");
        var served = rule(rules, AllocationConstraints.SERVE_REQUESTS);
        assertThat(served.level()).isEqualTo("medium");
        assertThat(served.justifications()).anySatisfy(text -> assertThat(text).contains("r-3"));
    }

    private static RoundAnalysis.RuleAnalysis rule(List<RoundAnalysis.RuleAnalysis> rules, String name) {
        return rules.stream().filter(rule -> rule.name().equals(name)).findFirst().orElseThrow();
    }
}
