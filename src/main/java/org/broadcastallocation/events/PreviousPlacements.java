package org.broadcastallocation.events;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.broadcastallocation.problem.ProblemDocument;

/**
 * Where the latest round since the last publication placed requests: the stability term's reference, so a what-if
 * or a late-request round moves as little as it must.
 */
@Repository
public class PreviousPlacements {

    private final JdbcClient jdbc;

    public PreviousPlacements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ProblemDocument.Placement> of(String eventId) {
        return jdbc.sql("""
                select a.request_id, a.resource_id, a.starts_at
                from round_allocation a
                where a.event_id = :event and a.round_number = (
                    select max(r.number) from round r
                    where r.event_id = :event and r.status in ('SOLVED', 'STOPPED', 'INTERRUPTED')
                      and r.pins_version = (select pins_version from event where id = :event))""")
                .param("event", eventId)
                .query((row, index) -> new ProblemDocument.Placement(row.getString(1), row.getString(2),
                        row.getObject(3, OffsetDateTime.class)))
                .list();
    }
}
