package org.broadcastallocation.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.ApiClient.PLANNER;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;

/**
 * A confirmed place cancelled is planned again at once (a FILL round) for the best waitlisted request, which is
 * offered it and may accept (CONFIRMED) or let it go, declined or expired, to the next; nothing published moves.
 */
@ServiceTest
class FillsAndOffersTest {

    private static int imported;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private ApiClient api;
    private RoundCalls calls;
    private String event;
    private final Map<String, String> keys = new HashMap<>();

    /** Four crews for two booths: two confirmed, two waitlisted (nos-2, second of its organisation, weighs least). */
    @BeforeEach
    void importEvent() {
        api = new ApiClient(port);
        event = "fills-" + (++imported);
        api.importEvent(Fixture.hague().zone("EDIT", 8)
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER).organisation("cnn", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2)
                .resource("EB-02", EDIT_BOOTH, "EDIT", 560, 0, 2)
                .request("nos-1", "nos", EDIT_BOOTH).crew(2).submittedMay(1).and()
                .request("bbc-1", "bbc", EDIT_BOOTH).crew(2).submittedMay(2).and()
                .request("cnn-1", "cnn", EDIT_BOOTH).crew(2).submittedMay(3).and()
                .request("nos-2", "nos", EDIT_BOOTH).crew(2).submittedMay(4).and()
                .document(), event);
        calls = new RoundCalls(api, event);
    }

    @Test
    void aCancelledConfirmationIsFilledWithinSecondsOfferedToTheBestWaitlistedAndConfirmedOnAcceptance()
            throws Exception {
        var published = publishedFirstRound();
        String best = published.best();
        String freed = published.cancellable();
        String freedResource = pins().get(freed).split(" ")[0];
        String kept = published.confirmedOtherThan(freed);
        String keptPin = pins().get(kept);
        var cancelled = Instant.now();

        assertThat(api.call(key(freed), "DELETE", calls.requests() + "/" + freed, null).status()).isEqualTo(200);

        int fill = await("a FILL round", () -> fillRound()).asInt();
        var ended = calls.awaitEnd(fill);
        long millis = Duration.between(cancelled, Instant.now()).toMillis();
        assertThat(ended.get("kind").asText()).isEqualTo("FILL");
        assertThat(ended.get("status").asText()).isEqualTo("SOLVED");
        assertThat(millis).as("cancel to a solved fill, ms").isLessThan(10_000);
        var report = calls.report(fill);
        assertThat(calls.allocationOf(report, best).get("resource").asText()).isEqualTo(freedResource);
        assertThat(calls.allocationOf(report, kept).get("pinned").asBoolean()).isTrue();
        assertThat(calls.status(best)).as("a fill speaks when published").isEqualTo("WAITLISTED");

        assertThat(calls.publish(fill).status()).isEqualTo(200);
        assertThat(calls.status(best)).isEqualTo("OFFERED");
        var offers = api.call(key(best), "GET", "/api/events/" + event + "/offers", null).json();
        assertThat(offers.size()).isOne();
        assertThat(offers.get(0).get("resourceId").asText()).isEqualTo(freedResource);
        assertThat(offers.get(0).get("status").asText()).isEqualTo("OPEN");
        assertThat(api.call(key(kept), "POST", "/api/events/" + event + "/offers/" + best + "/accept", null)
                .status()).as("another organisation's offer").isEqualTo(404);

        var accepted = api.call(key(best), "POST", "/api/events/" + event + "/offers/" + best + "/accept", null);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(calls.status(best)).isEqualTo("CONFIRMED");
        assertThat(pins().get(kept)).as("nothing published moves").isEqualTo(keptPin);
        assertThat(pins().get(best)).startsWith(freedResource);
        var mine = api.call(key(best), "GET", "/api/events/" + event + "/allocations", null).json();
        assertThat(mine.findValuesAsText("request")).contains(best);
    }

    @Test
    void aDeclinedOfferMovesOnToTheNextRequestAndAnExpiredOneLetsThePlaceGo() throws Exception {
        var settings = api.call(PLANNER, "PUT", "/api/events/" + event + "/fill-settings",
                "{\"offerSeconds\": 3, \"fillsPublishThemselves\": true}");
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        var published = publishedFirstRound();
        String best = published.best();
        String next = published.next();
        String freed = published.cancellable();
        assertThat(api.call(key(freed), "DELETE", calls.requests() + "/" + freed, null).status()).isEqualTo(200);

        await("an offer to " + best, () -> openOffer(best));
        var declined = api.call(key(best), "POST", "/api/events/" + event + "/offers/" + best + "/decline", null);
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        assertThat(calls.status(best)).isEqualTo("WAITLISTED");

        var offer = await("the place offered on to " + next, () -> openOffer(next));
        assertThat(offer.get("resourceId").asText()).isEqualTo(pinOf(freed, published));
        assertThat(calls.status(next)).isEqualTo("OFFERED");

        await("the offer to " + next + " expired", () -> "WAITLISTED".equals(calls.status(next)) ? next : null);
        var answerTooLate = api.call(key(next), "POST", "/api/events/" + event + "/offers/" + next + "/accept",
                null);
        assertThat(answerTooLate.status()).as(answerTooLate.body()).isEqualTo(409);
        assertThat(answerTooLate.json().get("detail").asText()).contains("expired");
        assertThat(pins()).doesNotContainKey(next).doesNotContainKey(best);
        var audit = api.call(PLANNER, "GET", "/api/events/" + event + "/audit", null).json();
        assertThat(audit.findValuesAsText("action")).contains("DECLINE_OFFER", "EXPIRE_OFFER");
    }

    /** Round 1 solved and published: who is confirmed, and the waitlisted in order of weight. */
    private record Published(Map<String, String> confirmedAt, String best, String next) {

        /** A confirmed request not of nos: cancelling it changes no waitlisted request's weight. */
        String cancellable() {
            return confirmedAt.keySet().stream().filter(id -> !id.startsWith("nos")).sorted().findFirst()
                    .orElseThrow();
        }

        String confirmedOtherThan(String request) {
            return confirmedAt.keySet().stream().filter(id -> !id.equals(request)).findFirst().orElseThrow();
        }
    }

    private Published publishedFirstRound() throws InterruptedException {
        int round = calls.create();
        calls.solved(round, 1);
        var report = calls.report(round);
        assertThat(calls.publish(round).status()).isEqualTo(200);
        var unassigned = report.get("unassigned");
        assertThat(unassigned.size()).isEqualTo(2);
        return new Published(pins(), unassigned.get(0).get("request").asText(),
                unassigned.get(1).get("request").asText());
    }

    private String pinOf(String request, Published published) {
        return published.confirmedAt().get(request).split(" ")[0];
    }

    private JsonNode fillRound() {
        for (var round : api.call(PLANNER, "GET", calls.rounds(), null).json()) {
            if (round.get("kind").asText().equals("FILL")) {
                return round.get("round");
            }
        }
        return null;
    }

    private JsonNode openOffer(String request) {
        for (var offer : api.call(PLANNER, "GET", "/api/events/" + event + "/offers", null).json()) {
            if (offer.get("requestId").asText().equals(request) && offer.get("status").asText().equals("OPEN")) {
                return offer;
            }
        }
        return null;
    }

    private static <T> T await(String what, Supplier<T> found) throws InterruptedException {
        var deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            var value = found.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + what + " in 30 s");
    }

    /** Each pin as "resource start". */
    private Map<String, String> pins() {
        return RoundCalls.pins(jdbc, event);
    }

    private String key(String request) {
        return keys.computeIfAbsent(request.substring(0, 3), organisation -> api.mintKey(event, organisation));
    }
}
