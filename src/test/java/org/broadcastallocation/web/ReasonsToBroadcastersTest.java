package org.broadcastallocation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;

/**
 * Competitors' bookings are confidential between broadcasters: a broadcaster told why its request waits learns its
 * own facts (how many places fit, that they are taken by heavier requests, its own requests that hold its quota),
 * never another organisation's id, name, requests or weights. Staff's report keeps the full reasons.
 */
@ServiceTest
class ReasonsToBroadcastersTest {

    private static final String BOOTH = """
            {"id": "%s", "type": "EDIT_BOOTH", "priority": %d,
             "window": {"from": "2025-06-23T09:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}}""";

    @LocalServerPort
    int port;

    private static int imported;
    private ApiClient api;
    private String event;
    private String nos;
    private String bbc;

    @BeforeEach
    void importEvent() {
        api = new ApiClient(port);
        event = "reasons-" + (++imported);
    }

    @Test
    void theLoserOfTheOnlyBoothIsToldItIsTakenButNotByWhom() throws Exception {
        open(Fixture.hague().zone("EDIT", 8).organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2));
        submit(bbc, "bbc-scoop", 1);
        submit(nos, "nos-desk", 2);

        int round = solve();

        var staff = unassigned(round, "nos-desk");
        assertThat(staff.get("organisation").asText()).isEqualTo("nos");
        assertThat(texts(staff.get("reasons"))).anySatisfy(reason -> assertThat(reason)
                .contains("EB-01", "bbc-scoop (bbc, weight"));

        var own = api.call(nos, "GET", requests() + "/nos-desk", null).json();
        assertThat(own.get("status").asText()).isEqualTo("WAITLISTED");
        var told = texts(own.get("reasons"));
        assertThat(told).singleElement().asString()
                .contains("the only edit booth that fits, EB-01, is taken", "requests of higher weight");
        assertOwnFactsOnly(told);
        var listed = api.call(nos, "GET", requests(), null).json();
        assertOwnFactsOnly(texts(listed.get(0).get("reasons")));

        assertThat(api.call(ApiClient.PLANNER, "POST", rounds() + "/" + round + "/publish", null).status())
                .isEqualTo(200);
        var published = texts(api.call(nos, "GET", requests() + "/nos-desk", null).json().get("reasons"));
        assertThat(published).isNotEmpty();
        assertOwnFactsOnly(published);
    }

    @Test
    void aQuotaHeldByTheBroadcastersOwnRequestNamesThatRequest() throws Exception {
        open(Fixture.hague().zone("EDIT", 8).organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2).resource("EB-02", EDIT_BOOTH, "EDIT", 560, 0, 2)
                .resource("EB-03", EDIT_BOOTH, "EDIT", 570, 0, 2).quota(EDIT_BOOTH, 1));
        submit(nos, "r-7", 1);
        submit(nos, "r-8", 3);
        submit(bbc, "bbc-scoop", 1);

        solve();

        var told = texts(api.call(nos, "GET", requests() + "/r-8", null).json().get("reasons"));
        assertThat(told).anySatisfy(reason -> assertThat(reason)
                .contains("your quota of 1 EDIT_BOOTH", "is held by your request r-7"));
        assertOwnFactsOnly(told);
    }

    private static void assertOwnFactsOnly(List<String> reasons) {
        assertThat(reasons).allSatisfy(reason -> assertThat(reason.toLowerCase())
                .doesNotContain("bbc", "scoop", "weight 1", "weight 2", "weight 3", "weight 4", "weight 5",
                        "weight 6", "weight 7", "weight 8", "weight 9"));
    }

    private void open(Fixture site) {
        api.importEvent(site.document(), event);
        nos = api.mintKey(event, "nos");
        bbc = api.mintKey(event, "bbc");
    }

    private void submit(String key, String id, int priority) {
        var created = api.call(key, "POST", requests(), BOOTH.formatted(id, priority));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private int solve() throws InterruptedException {
        int round = api.call(ApiClient.PLANNER, "POST", rounds(), "{}").json().get("round").asInt();
        assertThat(api.call(ApiClient.PLANNER, "POST", rounds() + "/" + round + "/solve?seconds=1", null).status())
                .isEqualTo(202);
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            String status = api.call(ApiClient.PLANNER, "GET", rounds() + "/" + round, null).json().get("status")
                    .asText();
            if (!status.equals("SOLVING") && !status.equals("CREATED")) {
                assertThat(status).isEqualTo("SOLVED");
                return round;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("round " + round + " did not end in time");
    }

    private JsonNode unassigned(int round, String request) {
        for (var unassigned : api.call(ApiClient.OPERATOR, "GET", rounds() + "/" + round + "/report", null).json()
                .get("unassigned")) {
            if (unassigned.get("request").asText().equals(request)) {
                return unassigned;
            }
        }
        throw new AssertionError(request + " is not unassigned in round " + round);
    }

    private static List<String> texts(JsonNode array) {
        var texts = new ArrayList<String>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private String requests() {
        return "/api/events/" + event + "/requests";
    }

    private String rounds() {
        return "/api/events/" + event + "/rounds";
    }
}
