package org.broadcastallocation.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;

/**
 * A heartbeat speaks only for the rounds its instance is running. A round whose end could not be written (the
 * database was away at that moment) is no longer running: it must fall silent even while the instance goes on
 * solving another event's round, or recovery never ends it and its event can solve nothing more.
 */
@ServiceTest
class HeartbeatsTest {

    @LocalServerPort
    int port;
    @Autowired
    Rounds rounds;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aBeatKeepsAliveTheRoundsStillRunningAndNotARoundWhoseSolverHasGone() {
        var api = new ApiClient(port);
        for (String event : List.of("beating", "gone-quiet")) {
            api.importEvent(Fixture.hague().zone("EDIT", 8).organisation("nos", BROADCASTER)
                    .resource("EB-01", EDIT_BOOTH, "EDIT", 0, 0, 2).request("nos-1", "nos", EDIT_BOOTH).and()
                    .document(), event);
            assertThat(api.call(ApiClient.PLANNER, "POST", "/api/events/" + event + "/rounds", "{}").status())
                    .isEqualTo(201);
            // Held by one instance, last heard of 20 s ago (the recovery's limit is 30 s).
            jdbc.sql("""
                    update round set status = 'SOLVING', claimed_by = 'instance-x', started_at = now(),
                        heartbeat_at = now() - interval '20 seconds'
                    where event_id = ? and number = 1""").param(event).update();
        }

        rounds.heartbeat("instance-x", List.of(RoundProgress.key("beating", 1)));

        assertThat(secondsSinceHeartbeat("beating")).isLessThan(5);
        assertThat(secondsSinceHeartbeat("gone-quiet")).isGreaterThanOrEqualTo(19);
    }

    private double secondsSinceHeartbeat(String event) {
        return jdbc.sql("select extract(epoch from now() - heartbeat_at) from round where event_id = ? and number = 1")
                .param(event).query(Double.class).single();
    }
}
