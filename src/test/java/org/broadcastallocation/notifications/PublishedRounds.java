package org.broadcastallocation.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.broadcastallocation.ApiClient;

/** A round created, solved for a second and published, over HTTP as the planner does it. */
final class PublishedRounds {

    private PublishedRounds() {
    }

    static int publish(ApiClient api, String event) {
        String rounds = "/api/events/" + event + "/rounds";
        var created = api.call(ApiClient.PLANNER, "POST", rounds, null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        int round = created.json().get("round").asInt();
        assertThat(api.call(ApiClient.PLANNER, "POST", rounds + "/" + round + "/solve?seconds=1", null).status())
                .isEqualTo(202);
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status;
        do {
            WebhookReceiver.pause(200);
            status = api.call(ApiClient.OPERATOR, "GET", rounds + "/" + round, null).json().get("status").asText();
        } while ((status.equals("CREATED") || status.equals("QUEUED") || status.equals("SOLVING"))
                && System.nanoTime() < until);
        var published = api.call(ApiClient.PLANNER, "POST", rounds + "/" + round + "/publish", null);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        return round;
    }
}
