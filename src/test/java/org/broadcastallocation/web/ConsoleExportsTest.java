package org.broadcastallocation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;
import static org.broadcastallocation.problem.ResourceType.STANDUP_OUTDOOR;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;
import org.broadcastallocation.report.ReportWorkbook;
import org.broadcastallocation.report.WorkbookCells;

/** What the console downloads and asks over HTTP: the XLSX report, an organisation's calendar, who signed in. */
@ServiceTest
class ConsoleExportsTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    private static int imported;

    @Test
    void theWorkbookHasASheetPerResourceTypeAndOneOfTheUnassigned() throws Exception {
        String event = solvedAndPublished();

        var headers = staff("operator");
        headers.setAccept(List.of(MediaType.parseMediaType(ReportWorkbook.MEDIA_TYPE)));
        var workbook = http.exchange("/api/events/" + event + "/rounds/1/report", HttpMethod.GET,
                new HttpEntity<>(headers), byte[].class);

        assertThat(workbook.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(workbook.getHeaders().getContentType().toString()).isEqualTo(ReportWorkbook.MEDIA_TYPE);
        assertThat(workbook.getHeaders().getContentDisposition().getFilename()).isEqualTo(event + "-round-1.xlsx");
        var sheets = WorkbookCells.of(workbook.getBody());
        assertThat(sheets.keySet()).containsExactly("EDIT_BOOTH", "STANDUP_INDOOR", "STANDUP_OUTDOOR", "LIVE_AREA",
                "TV_STUDIO", "ONLINE_STUDIO", "PARKING_SNG", "PARKING_OB", "Unassigned");
        // Two booth requests for the one booth: one is served, the other waits with its reasons.
        var booths = sheets.get("EDIT_BOOTH");
        assertThat(booths).hasSize(2);
        assertThat(booths.get(0)).containsExactly("request", "organisation", "resource", "start", "end", "pinned");
        assertThat(booths.get(1).get(0)).matches("booth-[ab]");
        assertThat(booths.get(1).get(2)).isEqualTo("EB-01");
        var unassigned = sheets.get("Unassigned");
        assertThat(unassigned).hasSize(2);
        assertThat(unassigned.get(1).get(0)).matches("booth-[ab]").isNotEqualTo(booths.get(1).get(0));
        assertThat(unassigned.get(1).get(3)).matches("\\d+");
        assertThat(unassigned.get(1).get(4)).contains("is taken");
        assertThat(sheets.get("STANDUP_OUTDOOR").get(1)).contains("SU-01", "nos");

        // A client that takes anything (curl, a browser's address bar) still gets the JSON report.
        var anything = staff("operator");
        anything.setAccept(List.of(MediaType.ALL));
        var report = http.exchange("/api/events/" + event + "/rounds/1/report", HttpMethod.GET,
                new HttpEntity<>(anything), String.class);
        assertThat(report.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(report.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
    }

    @Test
    void staffReadAnOrganisationsConfirmedBookingsAsACalendar() throws Exception {
        String event = solvedAndPublished();

        var calendar = http.exchange("/api/events/" + event + "/organisations/nos/allocations.ics", HttpMethod.GET,
                new HttpEntity<>(staff("operator")), String.class);

        assertThat(calendar.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(calendar.getHeaders().getContentType().toString()).startsWith("text/calendar");
        assertThat(calendar.getBody()).startsWith("BEGIN:VCALENDAR\r\n").contains("SUMMARY:STANDUP_OUTDOOR SU-01")
                .contains("DTSTART:20250624T050000Z");
        assertThat(http.exchange("/api/events/" + event + "/organisations/nobody/allocations.ics", HttpMethod.GET,
                new HttpEntity<>(staff("operator")), String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theConsoleLearnsTheRoleAndIsNotChallengedByTheBrowsersDialog() throws Exception {
        var planner = http.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(staff("planner")), String.class);
        assertThat(json.readTree(planner.getBody()).get("role").asText()).isEqualTo("PLANNER");
        var operator = http.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(staff("operator")), String.class);
        assertThat(json.readTree(operator.getBody()).get("role").asText()).isEqualTo("OPERATOR");

        var fromScript = new HttpHeaders();
        fromScript.set("X-Requested-With", "XMLHttpRequest");
        fromScript.setBasicAuth("planner", "wrong");
        var refused = http.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(fromScript), String.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(refused.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
        assertThat(refused.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");

        var plain = http.exchange("/api/events", HttpMethod.GET, HttpEntity.EMPTY, String.class);
        assertThat(plain.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(plain.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");

        assertThat(http.getForEntity("/", String.class).getBody()).contains("<title>Broadcast allocation");
        assertThat(http.getForEntity("/broadcaster.html", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /** One booth wanted by two broadcasters, and one outdoor position for nos; round 1 solved and published. */
    private String solvedAndPublished() throws Exception {
        String event = "exports-" + (++imported);
        var document = Fixture.hague().zone("EDIT", 8).zone("OUT", 0)
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 550, 0, 2)
                .resource("SU-01", STANDUP_OUTDOOR, "OUT", 600, 0, 3)
                .request("booth-a", "nos", EDIT_BOOTH).and()
                .request("booth-b", "bbc", EDIT_BOOTH).and()
                .request("live-nos", "nos", STANDUP_OUTDOOR).window("24 07:00", "25 18:00").document();
        var body = (ObjectNode) json.readTree(json.writeValueAsString(document));
        ((ObjectNode) body.get("event")).put("id", event);
        assertThat(call("planner", HttpMethod.POST, "/api/events", body.toString()).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String rounds = "/api/events/" + event + "/rounds";
        assertThat(call("planner", HttpMethod.POST, rounds, "{}").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        call("planner", HttpMethod.POST, rounds + "/1/solve?seconds=1", null);
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode state = json.readTree(call("planner", HttpMethod.GET, rounds + "/1", null).getBody());
        while (state.get("status").asText().equals("SOLVING") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            state = json.readTree(call("planner", HttpMethod.GET, rounds + "/1", null).getBody());
        }
        assertThat(call("planner", HttpMethod.POST, rounds + "/1/publish", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        return event;
    }

    private static HttpHeaders staff(String user) {
        var headers = new HttpHeaders();
        headers.setBasicAuth(user, user + "-demo");
        return headers;
    }

    private ResponseEntity<String> call(String user, HttpMethod method, String path, String body) {
        var headers = staff(user);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
