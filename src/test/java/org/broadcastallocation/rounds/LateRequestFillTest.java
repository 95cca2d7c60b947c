package org.broadcastallocation.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.JuneClock;

/**
 * A late request, submitted while late intake is open, is fitted at once by a fill into what the published round
 * left free, and offered it. The clock stands on 10 June 2025, after the fixtures' deadline of 6 June.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(JuneClock.class)
class LateRequestFillTest {

    @LocalServerPort
    int port;

    @Test
    void aLateRequestIsFittedAtOnceIntoAFreePlaceAndOfferedIt() throws Exception {
        var api = new ApiClient(port);
        String event = "late-fill";
        api.importEvent(Fixture.hague().zone("EDIT", 8).lateIntake()
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2)
                .resource("EB-02", EDIT_BOOTH, "EDIT", 560, 0, 2)
                .request("nos-1", "nos", EDIT_BOOTH).crew(2).submittedMay(1).and()
                .document(), event);
        var calls = new RoundCalls(api, event);
        int first = calls.create();
        calls.solved(first, 1);
        assertThat(calls.publish(first).status()).isEqualTo(200);

        var submitted = api.call(api.mintKey(event, "bbc"), "POST", calls.requests(), """
                {"id": "bbc-late", "type": "EDIT_BOOTH", "crewSize": 2,
                 "window": {"from": "2025-06-23T09:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);

        int fill = first + 1;
        var deadline = Instant.now().plusSeconds(30);
        while (calls.round(fill).path("status").isMissingNode() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        var ended = calls.awaitEnd(fill);
        assertThat(ended.get("kind").asText()).isEqualTo("FILL");
        var placed = calls.allocationOf(calls.report(fill), "bbc-late");
        assertThat(placed).as("the late request is placed by the fill").isNotNull();
        assertThat(calls.allocationOf(calls.report(fill), "nos-1").get("pinned").asBoolean()).isTrue();
        assertThat(calls.publish(fill).status()).isEqualTo(200);
        assertThat(calls.status("bbc-late")).isEqualTo("OFFERED");
    }

    @Test
    void beforeTheFirstPublishALateRequestWaitsForTheFirstRoundAndLeavesThePlannersSolveFree() throws Exception {
        var api = new ApiClient(port);
        String event = "late-before-any-round";
        api.importEvent(Fixture.hague().zone("EDIT", 8).lateIntake()
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2)
                .request("nos-1", "nos", EDIT_BOOTH).crew(2).submittedMay(1).and()
                .document(), event);
        var calls = new RoundCalls(api, event);
        var submitted = api.call(api.mintKey(event, "bbc"), "POST", calls.requests(), """
                {"id": "bbc-late", "type": "EDIT_BOOTH", "crewSize": 2,
                 "window": {"from": "2025-06-23T09:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        Thread.sleep(1_000);

        // Nothing is published, so every request is still the first full round's: no fill takes the event's solver.
        int first = calls.create();
        assertThat(first).as("the planner's round is the event's first").isEqualTo(1);
        calls.solved(first, 1);
        assertThat(calls.round(first).get("kind").asText()).isEqualTo("FULL");
    }
}
