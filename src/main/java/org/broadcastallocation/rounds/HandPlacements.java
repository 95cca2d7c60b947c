package org.broadcastallocation.rounds;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A planner's placements by hand in an unpublished round, kept apart from the solver's (which every saved best
 * rewrites), so that a round solved again keeps them where the hand put them.
 */
@Repository
class HandPlacements {

    private final JdbcClient jdbc;

    HandPlacements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code resourceId} and {@code start} null: left unassigned by hand. */
    record HandPlacement(String requestId, String resourceId, OffsetDateTime start, String placedBy,
            OffsetDateTime placedAt) {

        boolean unassigned() {
            return resourceId == null;
        }
    }

    void put(String eventId, int round, String requestId, String resourceId, OffsetDateTime start, String by) {
        jdbc.sql("""
                insert into round_hand_placement (event_id, round_number, request_id, resource_id, starts_at,
                    placed_by)
                values (?, ?, ?, ?, ?, ?)
                on conflict (event_id, round_number, request_id) do update set resource_id = excluded.resource_id,
                    starts_at = excluded.starts_at, placed_by = excluded.placed_by, placed_at = now()""")
                .params(eventId, round, requestId, resourceId, start, by).update();
    }

    List<HandPlacement> ofRound(String eventId, int round) {
        return jdbc.sql("""
                select request_id, resource_id, starts_at, placed_by, placed_at from round_hand_placement
                where event_id = ? and round_number = ? order by request_id""")
                .params(eventId, round)
                .query((row, index) -> new HandPlacement(row.getString(1), row.getString(2),
                        row.getObject(3, OffsetDateTime.class), row.getString(4),
                        row.getObject(5, OffsetDateTime.class)))
                .list();
    }
}
