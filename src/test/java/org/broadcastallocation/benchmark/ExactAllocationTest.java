package org.broadcastallocation.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.broadcastallocation.Fixture;
import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.AllocationSolver;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.allocation.Scoring;
import org.broadcastallocation.common.Json;
import org.broadcastallocation.problem.OrganisationKind;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ResourceType;
import org.broadcastallocation.problem.VehicleKind;

/** The exact yardstick must agree with what is known by hand, or its figures in the benchmark mean nothing. */
class ExactAllocationTest {

    @Test
    void provesTheHandWorkedOptimumOfTiny() throws IOException {
        var plan = PlanBuilder.build(Json.mapper().readValue(Files.readAllBytes(Path.of("data-samples/tiny.json")),
                ProblemDocument.class));

        var result = ExactAllocation.solve(plan, Duration.ofSeconds(20), null);

        assertThat(result.optimal()).isTrue();
        assertThat(result.unservedWeight(totalWeight(plan))).isEqualTo(290);
    }

    @Test
    void itsAllocationOfTinyBreaksNoRuleOfTheEngineAndScoresWhatItClaims() throws IOException {
        var document = Json.mapper().readValue(Files.readAllBytes(Path.of("data-samples/tiny.json")),
                ProblemDocument.class);

        var result = ExactAllocation.solve(PlanBuilder.build(document), Duration.ofSeconds(20), null);
        var score = new Scoring(AllocationSolver.loadConfig()).score(result.applyTo(PlanBuilder.build(document)));

        assertThat(score.hardScore()).isZero();
        assertThat(score.mediumScore()).isEqualTo(-290);
    }

    @Test
    void aZoneWithOneFibreLinkServesOnlyTheHeavierOfTwoFibreRequests() {
        var plan = PlanBuilder.build(Fixture.hague().zone("ROOF", 1)
                .organisation("nos", OrganisationKind.BROADCASTER).organisation("bbc", OrganisationKind.BROADCASTER)
                .resource("OUT-1", ResourceType.STANDUP_OUTDOOR, "ROOF", 0, 0, 4)
                .resource("OUT-2", ResourceType.STANDUP_OUTDOOR, "ROOF", 10, 0, 4)
                .request("light", "nos", ResourceType.STANDUP_OUTDOOR).window("24 09:00", "24 12:00").fibre()
                .priority(3).and()
                .request("heavy", "bbc", ResourceType.STANDUP_OUTDOOR).window("24 10:00", "24 11:00").fibre()
                .priority(1).document());

        var result = ExactAllocation.solve(plan, Duration.ofSeconds(10), null);

        var heavy = plan.getBookings().stream().filter(booking -> booking.id().equals("heavy")).findFirst()
                .orElseThrow();
        assertThat(result.optimal()).isTrue();
        assertThat(result.servedWeight()).isEqualTo(heavy.weight());
    }

    @Test
    void aQuotaOfOneHoldsAnOrganisationToOneBoothAtATime() {
        var plan = PlanBuilder.build(Fixture.hague().zone("EDIT", 4).quota(ResourceType.EDIT_BOOTH, 1)
                .organisation("nos", OrganisationKind.BROADCASTER)
                .resource("EB-1", ResourceType.EDIT_BOOTH, "EDIT", 0, 0, 4)
                .resource("EB-2", ResourceType.EDIT_BOOTH, "EDIT", 5, 0, 4)
                .request("first", "nos", ResourceType.EDIT_BOOTH).window("24 09:00", "24 12:00").submittedMay(1).and()
                .request("second", "nos", ResourceType.EDIT_BOOTH).window("24 11:00", "24 13:00").submittedMay(2)
                .and()
                .request("later", "nos", ResourceType.EDIT_BOOTH).window("24 12:00", "24 14:00").submittedMay(3)
                .document());

        var result = ExactAllocation.solve(plan, Duration.ofSeconds(10), null);

        // "first" and "later" do not overlap, "second" overlaps both: the best is first + later.
        assertThat(result.optimal()).isTrue();
        assertThat(result.servedWeight()).isEqualTo(weight(plan, "first") + weight(plan, "later"));
    }

    @Test
    void aBayOf7Point5MetresTakesThe7Point5MetreVanNotTheHeavier7Point6MetreOne() {
        var plan = PlanBuilder.build(Fixture.hague().zone("SNG_COMPOUND", 0)
                .organisation("nos", OrganisationKind.BROADCASTER).organisation("bbc", OrganisationKind.BROADCASTER)
                .bay("SNG-75", ResourceType.PARKING_SNG, "SNG_COMPOUND", 0, 0, "7.5")
                .request("long", "bbc", ResourceType.PARKING_SNG).window("22 12:00", "26 02:00")
                .vehicle(VehicleKind.SNG, "7.6").priority(1).and()
                .request("fits", "nos", ResourceType.PARKING_SNG).window("22 12:00", "26 02:00")
                .vehicle(VehicleKind.SNG, "7.5").document());

        var result = ExactAllocation.solve(plan, Duration.ofSeconds(10), null);

        assertThat(result.optimal()).isTrue();
        assertThat(result.servedWeight()).isEqualTo(weight(plan, "fits"));
    }

    private static long totalWeight(AllocationPlan plan) {
        return plan.getBookings().stream().mapToLong(Booking::weight).sum();
    }

    private static long weight(AllocationPlan plan, String id) {
        return plan.getBookings().stream().filter(booking -> booking.id().equals(id)).findFirst().orElseThrow()
                .weight();
    }
}
