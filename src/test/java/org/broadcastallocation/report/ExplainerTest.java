package org.broadcastallocation.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.OrganisationKind.NATIONAL_DELEGATION;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;
import static org.broadcastallocation.problem.ResourceType.PARKING_SNG;
import static org.broadcastallocation.problem.ResourceType.STANDUP_INDOOR;
import static org.broadcastallocation.problem.ResourceType.TV_STUDIO;
import static org.broadcastallocation.problem.VehicleKind.SNG;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.broadcastallocation.Fixture;
import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.FirstComeFirstServed;
import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.samples.InstanceGenerator;

/** Each kind of reason appears when, and only when, it stops the request. */
class ExplainerTest {

    private static Fixture booths() {
        return Fixture.hague()
                .zone("EDIT", 8)
                .organisation("nos", BROADCASTER)
                .organisation("bbc", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2)
                .resource("EB-02", EDIT_BOOTH, "EDIT", 560, 0, 2);
    }

    @Test
    void aCrewTooBigForEveryBoothIsExplainedByCapacityAlone() {
        var reasons = reasonsFor(booths().request("r1", "nos", EDIT_BOOTH).crew(5).document(), "r1");

        assertThat(reasons).singleElement().asString()
                .contains("no edit booth can ever take it", "capacity", "all 2 are too small for a crew of 5")
                .doesNotContain("quota", "fibre", "taken", "features");
    }

    @Test
    void aVanLongerThanEveryBaySaysHowLongItIsAndHowLongTheLongestBayIsInMetres() {
        var document = Fixture.hague().zone("SNG_COMPOUND", 0).organisation("nos", BROADCASTER)
                .bay("SNG-01", PARKING_SNG, "SNG_COMPOUND", 0, 0, "7.25")
                .bay("SNG-02", PARKING_SNG, "SNG_COMPOUND", 12, 0, "7.5")
                .request("van", "nos", PARKING_SNG).window("22 12:00", "26 02:00").vehicle(SNG, "7.6").document();

        assertThat(reasonsFor(document, "van")).singleElement().asString()
                .contains("all 2 are too small for an SNG vehicle of 7.6 m (the largest holds 7.5 m)");
    }

    @Test
    void aMissingRequiredFeatureIsNamed() {
        var document = booths().resource("EB-03", EDIT_BOOTH, "EDIT", 570, 0, 2, "VENUE_VIEW")
                .request("r1", "nos", EDIT_BOOTH).requires("CANOPY").document();

        assertThat(reasonsFor(document, "r1")).singleElement().asString()
                .contains("required features: all 3 are missing CANOPY").doesNotContain("capacity");
    }

    @Test
    void aBoothClosedForTheWholeWindowIsExplainedByAvailability() {
        var document = Fixture.hague().zone("EDIT", 8).organisation("nos", BROADCASTER)
                .resourceOpen("EB-01", EDIT_BOOTH, "EDIT", 2, "22 12:00", "22 18:00")
                .request("r1", "nos", EDIT_BOOTH).window("24 09:00", "25 09:00").document();

        assertThat(reasonsFor(document, "r1")).singleElement().asString()
                .contains("availability: the only one is not open from 24 June 09:00-25 June 09:00");
    }

    @Test
    void aFibreRequestInAZoneWithoutLinksIsExplained() {
        var document = Fixture.hague().zone("DARK", 0).organisation("nos", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "DARK", 0, 0, 2)
                .request("r1", "nos", EDIT_BOOTH).fibre().document();

        assertThat(reasonsFor(document, "r1")).singleElement().asString()
                .contains("fibre: the only one is in a zone without fibre links");
    }

    @Test
    void anEventWithoutTheTypeSaysSo() {
        var document = booths().organisation("nl", NATIONAL_DELEGATION)
                .request("r1", "nl", TV_STUDIO).window("24 09:00", "24 10:00").document();

        assertThat(reasonsFor(document, "r1")).containsExactly("the event has no TV studios");
    }

    @Test
    void takenResourcesNameTheRequestsHoldingThem() {
        var document = Fixture.hague().zone("EDIT", 8)
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2)
                .request("r1", "bbc", EDIT_BOOTH).priority(1).and()
                .request("r2", "nos", EDIT_BOOTH).document();
        var plan = PlanBuilder.build(document);
        place(plan, "r1");

        var reasons = staff(plan, "r2");

        assertThat(reasons).singleElement().asString()
                .contains("the only edit booth that fits, EB-01, is taken 23 June 09:00-26 June 02:00",
                        "higher-weighted requests: r1 (bbc, weight 120)")
                .doesNotContain("quota", "fibre", "free");
        assertThat(broadcaster(plan, "r2")).containsExactly("the only edit booth that fits, EB-01, is taken"
                + " 23 June 09:00-26 June 02:00 by requests of higher weight");
    }

    @Test
    void theBroadcasterIsToldWhichOfTheBlockersAreItsOwnAndNothingOfTheOthers() {
        var document = booths()
                .request("r1", "bbc", EDIT_BOOTH).priority(1).and()
                .request("r2", "nos", EDIT_BOOTH).priority(1).and()
                .request("r3", "nos", EDIT_BOOTH).priority(3).document();
        var plan = PlanBuilder.build(document);
        place(plan, "r1", "EB-01");
        place(plan, "r2", "EB-02");

        assertThat(staff(plan, "r3")).singleElement().asString().contains("r1 (bbc, weight 120)", "r2 (nos");
        assertThat(broadcaster(plan, "r3")).containsExactly("all 2 edit booths that fit are taken"
                + " 23 June 09:00-26 June 02:00 by requests of higher weight (among them your request r2)");
    }

    @Test
    void lighterBlockersAreNotCalledHigherWeighted() {
        var document = Fixture.hague().zone("EDIT", 8)
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2)
                .request("r1", "bbc", EDIT_BOOTH).priority(3).and()
                .request("r2", "nos", EDIT_BOOTH).document();
        var plan = PlanBuilder.build(document);
        place(plan, "r1");

        assertThat(staff(plan, "r2")).singleElement().asString()
                .contains("r1 (bbc, weight 20)", "no way to serve it without leaving more weight unserved")
                .doesNotContain("higher-weighted");
        assertThat(broadcaster(plan, "r2")).singleElement().asString()
                .contains("by other requests; this round found no way to serve it without leaving more weight")
                .doesNotContain("r1", "bbc", "weight 20");
    }

    @Test
    void aFullQuotaIsExplainedWithTheHoldings() {
        var document = booths().quota(EDIT_BOOTH, 1)
                .request("r1", "nos", EDIT_BOOTH).submittedMay(1).and()
                .request("r2", "nos", EDIT_BOOTH).submittedMay(2).document();
        var plan = PlanBuilder.build(document);
        place(plan, "r1");

        var reasons = staff(plan, "r2");

        assertThat(reasons).anySatisfy(reason -> assertThat(reason)
                .startsWith("quota: nos already holds 1 EDIT_BOOTH").contains("(quota 1)", "r1 (nos)"));
        assertThat(reasons).noneMatch(reason -> reason.contains("fibre"));
        assertThat(broadcaster(plan, "r2")).contains("quota: your quota of 1 EDIT_BOOTH is held by your request r1"
                + " 23 June 09:00-26 June 02:00");
    }

    @Test
    void usedUpFibreIsExplainedWithTheZoneAndItsUsers() {
        var document = Fixture.hague().zone("EDIT", 1)
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2)
                .resource("SI-01", STANDUP_INDOOR, "EDIT", 450, 0, 3)
                .request("r1", "bbc", STANDUP_INDOOR).fibre().and()
                .request("r2", "nos", EDIT_BOOTH).fibre().document();
        var plan = PlanBuilder.build(document);
        place(plan, "r1");

        var reasons = staff(plan, "r2");

        assertThat(reasons).containsExactly(
                "fibre: the only fibre link of zone EDIT is in use 23 June 09:00-26 June 02:00: r1 (bbc)");
        assertThat(broadcaster(plan, "r2")).containsExactly(
                "fibre: the only fibre link of zone EDIT is in use 23 June 09:00-26 June 02:00");
    }

    @Test
    void onAWholeSummitNoBroadcasterIsToldAnotherOrganisationsRequestsOrWeights() {
        var document = InstanceGenerator.generate(300, 2025, 1.0);
        var plan = FirstComeFirstServed.allocate(PlanBuilder.build(document),
                FirstComeFirstServed.submissionOrder(document.requests()));
        var explainer = new Explainer(plan);
        var organisations = document.organisations();
        int told = 0;
        for (Booking booking : plan.getBookings()) {
            if (booking.assigned()) {
                continue;
            }
            for (var reason : explainer.reasons(booking)) {
                told++;
                assertThat(reason.broadcaster()).as(reason.staff()).doesNotContainPattern("weight \\d");
                for (var organisation : organisations) {
                    if (organisation.id().equals(booking.organisation())) {
                        continue;
                    }
                    assertThat(reason.broadcaster()).as(reason.staff())
                            .doesNotContainPattern("\\b" + Pattern.quote(organisation.id()) + "\\b")
                            .doesNotContain(organisation.name());
                }
                for (var other : plan.getBookings()) {
                    if (!other.organisation().equals(booking.organisation())) {
                        assertThat(reason.broadcaster()).doesNotContainPattern(
                                "(?<![\\w-])" + Pattern.quote(other.id()) + "(?![\\w-])");
                    }
                }
            }
        }
        assertThat(told).as("reasons looked at").isGreaterThan(20);
    }

    @Test
    void noQuotaOrFibreReasonWhenTheyDoNotBind() {
        var document = booths().quota(EDIT_BOOTH, 2)
                .request("r1", "nos", EDIT_BOOTH).fibre().and()
                .request("r2", "bbc", EDIT_BOOTH).fibre().and()
                .request("r3", "nos", EDIT_BOOTH).fibre().document();
        var plan = PlanBuilder.build(document);
        place(plan, "r1", "EB-01");
        place(plan, "r2", "EB-02");

        assertThat(staff(plan, "r3")).singleElement().asString()
                .startsWith("all 2 edit booths that fit are taken");
    }

    @Test
    void aFreePlaceLeftUnusedIsOwnedUpTo() {
        var plan = PlanBuilder.build(booths().request("r1", "nos", EDIT_BOOTH).document());
        booking(plan, "r1").place(null);

        assertThat(staff(plan, "r1")).singleElement().asString()
                .contains("EB-01 was free", "a longer round may serve it");
    }

    /** Puts the request on its first candidate placement. */
    private static void place(AllocationPlan plan, String request) {
        var booking = booking(plan, request);
        booking.place(booking.candidates().get(0));
    }

    private static void place(AllocationPlan plan, String request, String resource) {
        var booking = booking(plan, request);
        booking.place(booking.candidates().stream()
                .filter(placement -> placement.resource().id().equals(resource)).findFirst().orElseThrow());
    }

    private static Booking booking(AllocationPlan plan, String id) {
        return plan.getBookings().stream().filter(booking -> booking.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> reasonsFor(ProblemDocument document, String request) {
        var plan = PlanBuilder.build(document);
        plan.getBookings().forEach(booking -> booking.place(null));
        return staff(plan, request);
    }

    private static List<String> staff(AllocationPlan plan, String request) {
        return new Explainer(plan).reasons(booking(plan, request)).stream().map(Explainer.Reason::staff).toList();
    }

    private static List<String> broadcaster(AllocationPlan plan, String request) {
        return new Explainer(plan).reasons(booking(plan, request)).stream().map(Explainer.Reason::broadcaster)
                .toList();
    }
}
