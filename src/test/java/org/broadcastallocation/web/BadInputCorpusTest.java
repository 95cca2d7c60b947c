package org.broadcastallocation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;
import org.broadcastallocation.common.Json;

/**
 * Every case of {@link BadInputCorpus} over real HTTP: a 4xx problem detail with a detail and no stack trace, never
 * a 5xx; and afterwards the events are exactly as they were (no bad input changed anything, the audit log says so).
 */
@ServiceTest
class BadInputCorpusTest {

    @LocalServerPort
    int port;

    private final ConcurrentMap<String, Map<Integer, AtomicInteger>> statuses = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedWithAProblemDetail() throws Exception {
        var api = new ApiClient(port);
        api.importEvent(Fixture.hague().zone("EDIT", 8)
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2, "FIBRE")
                .resource("EB-02", EDIT_BOOTH, "EDIT", 560, 0, 2)
                .request("seed", "bbc", EDIT_BOOTH).document(), BadInputCorpus.EVENT);
        api.importEvent(Fixture.hague().zone("EDIT", 1).organisation("zdf", BROADCASTER)
                .resource(BadInputCorpus.OTHER_RESOURCE, EDIT_BOOTH, "EDIT", 0, 0, 2).document(),
                BadInputCorpus.OTHER_EVENT);
        String nos = api.mintKey(BadInputCorpus.EVENT, "nos");
        String zdf = api.mintKey(BadInputCorpus.OTHER_EVENT, "zdf");
        assertThat(api.call(nos, "POST", "/api/events/" + BadInputCorpus.EVENT + "/requests", """
                {"id": "r-1", "type": "EDIT_BOOTH",
                 "window": {"from": "2025-06-23T09:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}}""").status())
                .isEqualTo(201);
        assertThat(api.call(ApiClient.PLANNER, "POST", "/api/events/" + BadInputCorpus.EVENT + "/rounds", null)
                .status()).isEqualTo(201);

        var document = Fixture.hague().zone("EDIT", 2).organisation("nos", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2, "FIBRE")
                .request("seed", "nos", EDIT_BOOTH).crew(1).and().quota(EDIT_BOOTH, 2).document();
        String importBody = Json.mapper().writeValueAsString(document).replace("\"test\"", "\"corpus-import\"");
        var cases = new BadInputCorpus(nos, zdf, importBody).cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(500);

        String auditBefore = audit(api);
        var checks = cases.stream().map(c -> dynamicTest(c.toString(), () -> refused(api, c)));
        var after = Stream.of(dynamicTest("nothing was changed, and the figures", () -> {
            assertThat(audit(api)).isEqualTo(auditBefore);
            assertThat(api.call(ApiClient.OPERATOR, "GET", "/api/events", null).json().findValuesAsText("id"))
                    .contains(BadInputCorpus.EVENT, BadInputCorpus.OTHER_EVENT).doesNotContain("corpus-import");
            print(cases.size());
            assertThat(statuses.values().stream().flatMap(byStatus -> byStatus.keySet().stream()))
                    .allMatch(status -> status >= 400 && status < 500);
        }));
        return Stream.concat(checks, after);
    }

    @Test
    void aDocumentWrongInManyPlacesIsAnsweredInBrief() throws Exception {
        var api = new ApiClient(port);
        ObjectNode document = Json.mapper().valueToTree(Fixture.hague().zone("EDIT", 1)
                .organisation("nos", BROADCASTER).document());
        ((ObjectNode) document.get("event")).put("id", "brief");
        var requests = document.putArray("requests");
        for (int i = 0; i < 1_000; i++) {
            requests.addObject().put("id", "q" + i + "-" + "x".repeat(1_000));
        }

        var refused = api.call(ApiClient.PLANNER, "POST", "/api/events", Json.mapper().writeValueAsString(document));

        assertThat(refused.status()).isEqualTo(422);
        var problem = refused.json();
        assertThat(problem.get("errors")).hasSize(200);
        assertThat(problem.get("moreErrors").asInt()).isGreaterThan(1_000);
        assertThat(problem.get("errors").get(0).get("item").asText()).hasSizeLessThan(400)
                .endsWith("more characters)");
        assertThat(refused.body().length()).isLessThan(100_000);
    }

    private void refused(ApiClient api, BadInputCorpus.Case badInput) {
        var response = api.call(badInput.caller(), badInput.method(), badInput.path(), badInput.body(),
                badInput.headers());
        statuses.computeIfAbsent(badInput.family(), family -> new ConcurrentHashMap<>())
                .computeIfAbsent(response.status(), status -> new AtomicInteger()).incrementAndGet();
        String said = badInput + " -> " + response.status() + " " + response.body();
        assertThat(response.status()).as(said).isBetween(400, 499);
        assertThat(response.contentType()).as(said).startsWith("application/problem+json");
        var problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(response.status());
        assertThat(problem.path("detail").asText()).as(said).isNotBlank();
        assertThat(response.body()).as(said).doesNotContain("at org.", "at java.", "Exception", "java.",
                "org.broadcastallocation");
        assertThat(response.body().length()).isLessThan(100_000);
    }

    private static String audit(ApiClient api) {
        return api.call(ApiClient.OPERATOR, "GET", "/api/events/" + BadInputCorpus.EVENT + "/audit?limit=1000", null)
                .body() + api.call(ApiClient.OPERATOR, "GET", "/api/events/" + BadInputCorpus.OTHER_EVENT
                        + "/audit?limit=1000", null).body();
    }

    private void print(int total) {
        var byFamily = new TreeMap<String, Map<Integer, AtomicInteger>>(statuses);
        var overall = new TreeMap<Integer, Integer>();
        System.out.println("Bad input corpus: " + total + " cases");
        byFamily.forEach((family, byStatus) -> {
            var sorted = new TreeMap<>(byStatus);
            int count = sorted.values().stream().mapToInt(AtomicInteger::get).sum();
            sorted.forEach((status, n) -> overall.merge(status, n.get(), Integer::sum));
            System.out.printf("  %-45s %4d  %s%n", family, count, sorted);
        });
        System.out.println("  statuses overall: " + overall);
    }
}
