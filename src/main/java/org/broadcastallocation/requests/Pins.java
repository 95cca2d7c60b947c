package org.broadcastallocation.requests;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Published allocations: what was promised, kept exactly by every later round (hard rule 9). */
@Repository
public class Pins {

    private final JdbcClient jdbc;

    public Pins(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Pin(String requestId, String resourceId, OffsetDateTime start, OffsetDateTime end, int round) {
    }

    public void pin(String eventId, Pin pin) {
        jdbc.sql("""
                insert into pinned_allocation (event_id, request_id, resource_id, starts_at, ends_at, round_number)
                values (?, ?, ?, ?, ?, ?)
                on conflict (event_id, request_id) do nothing""")
                .params(eventId, pin.requestId(), pin.resourceId(), pin.start(), pin.end(), pin.round()).update();
    }

    /** A cancelled or rejected request gives its place back. */
    public void release(String eventId, String requestId) {
        jdbc.sql("delete from pinned_allocation where event_id = ? and request_id = ?").params(eventId, requestId)
                .update();
    }

    public List<Pin> ofEvent(String eventId) {
        return jdbc.sql("""
                select request_id, resource_id, starts_at, ends_at, round_number
                from pinned_allocation where event_id = ? order by request_id""")
                .param(eventId)
                .query((row, index) -> new Pin(row.getString(1), row.getString(2),
                        row.getObject(3, OffsetDateTime.class), row.getObject(4, OffsetDateTime.class), row.getInt(5)))
                .list();
    }

    public List<Pin> onResource(String eventId, String resourceId) {
        return jdbc.sql("""
                select request_id, resource_id, starts_at, ends_at, round_number
                from pinned_allocation where event_id = ? and resource_id = ? order by starts_at""")
                .params(eventId, resourceId)
                .query((row, index) -> new Pin(row.getString(1), row.getString(2),
                        row.getObject(3, OffsetDateTime.class), row.getObject(4, OffsetDateTime.class), row.getInt(5)))
                .list();
    }

    public List<Pin> ofOrganisation(String eventId, String organisationId) {
        return jdbc.sql("""
                select p.request_id, p.resource_id, p.starts_at, p.ends_at, p.round_number
                from pinned_allocation p join request r on r.event_id = p.event_id and r.id = p.request_id
                where p.event_id = ? and r.organisation_id = ? and r.status = 'CONFIRMED'
                order by p.starts_at, p.request_id""")
                .params(eventId, organisationId)
                .query((row, index) -> new Pin(row.getString(1), row.getString(2),
                        row.getObject(3, OffsetDateTime.class), row.getObject(4, OffsetDateTime.class), row.getInt(5)))
                .list();
    }
}
