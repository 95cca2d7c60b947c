package org.broadcastallocation.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.OrganisationKind.NATIONAL_DELEGATION;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;
import static org.broadcastallocation.problem.ResourceType.ONLINE_STUDIO;

import org.junit.jupiter.api.Test;

import org.broadcastallocation.Fixture;
import org.broadcastallocation.problem.ProblemDocument;

/** The e-mail desk: by submission, first fitting resource, earliest start, same rules. */
class FirstComeFirstServedTest {

    private static Fixture twoBooths() {
        return Fixture.hague().zone("EDIT", 8)
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER)
                .organisation("nl", NATIONAL_DELEGATION)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2)
                .resource("EB-02", EDIT_BOOTH, "EDIT", 560, 0, 4);
    }

    @Test
    void theEarlierSubmissionWinsWhateverItsPriority() {
        var document = twoBooths()
                .request("a", "nos", EDIT_BOOTH).crew(4).priority(1).submittedMay(20).and()
                .request("b", "bbc", EDIT_BOOTH).crew(3).priority(3).submittedMay(2).document();

        var plan = allocate(document);

        assertThat(resourceOf(plan, "b")).isEqualTo("EB-02");
        assertThat(resourceOf(plan, "a")).isNull();
    }

    @Test
    void takesTheFirstFittingResourceInDocumentOrder() {
        var plan = allocate(twoBooths().request("a", "nos", EDIT_BOOTH).crew(2).document());

        assertThat(resourceOf(plan, "a")).isEqualTo("EB-01");
    }

    @Test
    void givesASlotItsEarliestFreeStart() {
        var document = twoBooths().resource("OS-1", ONLINE_STUDIO, "EDIT", 0, 0, null)
                .request("first", "nl", ONLINE_STUDIO).window("24 09:00", "24 12:00").slot(60).submittedMay(1).and()
                .request("second", "nos", ONLINE_STUDIO).window("24 09:00", "24 12:00").slot(60).submittedMay(2)
                .document();

        var plan = allocate(document);

        assertThat(booking(plan, "first").placement().start()).isEqualTo(booking(plan, "second")
                .placement().start() - 60);
        assertThat(plan.getTimeline().at(booking(plan, "first").start())).isEqualTo(Fixture.at("24 09:00"));
    }

    @Test
    void keepsTheSameRulesAsTheSolver() {
        var document = twoBooths().quota(EDIT_BOOTH, 1)
                .request("a", "nos", EDIT_BOOTH).submittedMay(1).and()
                .request("b", "nos", EDIT_BOOTH).submittedMay(2).document();

        var plan = allocate(document);

        assertThat(resourceOf(plan, "a")).isEqualTo("EB-01");
        assertThat(resourceOf(plan, "b")).as("quota 1 holds the second booth back").isNull();
    }

    @Test
    void bookedPinsFirstAndLeavesThemWhereTheyAre() {
        var document = twoBooths()
                .request("early", "nos", EDIT_BOOTH).submittedMay(1).and()
                .request("pinned", "bbc", EDIT_BOOTH).submittedMay(9).and()
                .pin("pinned", "EB-01", "23 09:00").document();

        var plan = allocate(document);

        assertThat(resourceOf(plan, "pinned")).isEqualTo("EB-01");
        assertThat(resourceOf(plan, "early")).isEqualTo("EB-02");
    }

    private static AllocationPlan allocate(ProblemDocument document) {
        return FirstComeFirstServed.allocate(PlanBuilder.build(document),
                FirstComeFirstServed.submissionOrder(document.requests()));
    }

    private static Booking booking(AllocationPlan plan, String id) {
        return plan.getBookings().stream().filter(booking -> booking.id().equals(id)).findFirst().orElseThrow();
    }

    private static String resourceOf(AllocationPlan plan, String id) {
        var booking = booking(plan, id);
        return booking.assigned() ? booking.resource().id() : null;
    }
}
