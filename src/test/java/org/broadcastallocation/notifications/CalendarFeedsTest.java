package org.broadcastallocation.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;

/**
 * A calendar app's view: it subscribes to the address it was given, with no credentials, and polls it cheaply
 * (ETag, 304); the feed changes after a publish and after a cancellation, in the event's zone; a rotated or revoked
 * address stops working.
 */
@ServiceTest
class CalendarFeedsTest {

    private static final String EVENT = "feeds";
    private static final String BASE = "/api/events/" + EVENT;
    private final HttpClient calendarApp = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aSubscribedFeedFollowsPublishAndCancellationUntilItsAddressIsRotated() throws Exception {
        var api = new ApiClient(port);
        api.importEvent(Fixture.hague().zone("EDIT", 8).organisation("nos", BROADCASTER)
                .organisation("bbc", BROADCASTER).resource("EB-01", EDIT_BOOTH, "EDIT", 0, 0, 2)
                .request("n-1", "nos", EDIT_BOOTH).window("24 09:00", "24 18:00").slot(120).document(), EVENT);
        String nos = api.mintKey(EVENT, "nos");
        var made = api.call(nos, "POST", BASE + "/calendar-feeds", null);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String url = made.json().get("url").asText();
        assertThat(made.json().get("webcal").asText()).startsWith("webcal://").endsWith(url.replaceFirst(
                "^http://", ""));
        // The secret is the address: no list shows it.
        assertThat(api.call(nos, "GET", BASE + "/calendar-feeds", null).body())
                .doesNotContain(url.substring(url.lastIndexOf('/') + 1, url.length() - 4));

        var empty = fetch(url, null);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/calendar");
        assertThat(empty.body()).contains("BEGIN:VCALENDAR").doesNotContain("BEGIN:VEVENT");
        String etag = empty.headers().firstValue("ETag").orElseThrow();
        assertThat(empty.headers().firstValue("Last-Modified")).isPresent();
        assertThat(fetch(url, etag).statusCode()).isEqualTo(304);

        PublishedRounds.publish(api, EVENT);
        var published = fetch(url, etag);
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(published.body()).contains("BEGIN:VEVENT", "LOCATION:EB-01", "BEGIN:VTIMEZONE",
                "TZID:Europe/Amsterdam", "DTSTART;TZID=Europe/Amsterdam:20250624T");
        String afterPublish = published.headers().firstValue("ETag").orElseThrow();
        assertThat(afterPublish).isNotEqualTo(etag);
        assertThat(fetch(url, afterPublish).statusCode()).isEqualTo(304);

        assertThat(api.call(nos, "DELETE", BASE + "/requests/n-1", null).status()).isEqualTo(200);
        var cancelled = fetch(url, afterPublish);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.body()).doesNotContain("BEGIN:VEVENT");

        String feed = made.json().get("id").asText();
        var rotated = api.call(nos, "POST", BASE + "/calendar-feeds/" + feed + "/rotate", null);
        assertThat(rotated.status()).isEqualTo(200);
        String newUrl = rotated.json().get("url").asText();
        assertThat(fetch(url, null).statusCode()).isEqualTo(404);
        assertThat(fetch(newUrl, null).statusCode()).isEqualTo(200);

        // Another organisation's key neither sees nor rotates it; a planner may act for either.
        String bbc = api.mintKey(EVENT, "bbc");
        assertThat(api.call(bbc, "POST", BASE + "/calendar-feeds/" + feed + "/rotate", null).status())
                .isEqualTo(404);
        assertThat(api.call(bbc, "GET", BASE + "/calendar-feeds", null).json()).isEmpty();
        var forBbc = api.call(ApiClient.PLANNER, "POST", BASE + "/calendar-feeds?organisation=bbc", null);
        assertThat(forBbc.status()).isEqualTo(201);
        assertThat(forBbc.json().get("organisation").asText()).isEqualTo("bbc");
        assertThat(api.call(ApiClient.PLANNER, "POST", BASE + "/calendar-feeds", null).status()).isEqualTo(422);

        assertThat(api.call(nos, "DELETE", BASE + "/calendar-feeds/" + feed, null).status()).isEqualTo(204);
        assertThat(fetch(newUrl, null).statusCode()).isEqualTo(404);
        assertThat(fetch(newUrl, null).headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
    }

    private HttpResponse<String> fetch(String url, String ifNoneMatch) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url));
        Map.of("If-None-Match", ifNoneMatch == null ? "" : ifNoneMatch).forEach((name, value) -> {
            if (!value.isEmpty()) {
                request.header(name, value);
            }
        });
        return calendarApp.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
