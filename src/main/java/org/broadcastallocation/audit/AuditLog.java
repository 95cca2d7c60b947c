package org.broadcastallocation.audit;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.broadcastallocation.common.Json;

/**
 * Every change made through the API: who, what, when, before and after. Written in the caller's transaction, so a
 * change and its entry land together or not at all; the API offers no way to change or delete an entry.
 */
@Repository
public class AuditLog {

    private static final ObjectMapper JSON = Json.mapper().copy()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Entry(long id, OffsetDateTime at, String actor, String action, String eventId, String entity,
            String entityId, String before, String after) {
    }

    public void record(String actor, AuditAction action, String eventId, String entity, String entityId,
            Object before, Object after) {
        jdbc.sql("""
                insert into audit_log (actor, action, event_id, entity, entity_id, before, after)
                values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))""")
                .params(actor, action.name(), eventId, entity, entityId, json(before), json(after))
                .update();
    }

    public List<Entry> forEvent(String eventId, long afterId, int limit) {
        return jdbc.sql("""
                select id, at, actor, action, event_id, entity, entity_id, before::text, after::text
                from audit_log where event_id = ? and id > ? order by id limit ?""")
                .params(eventId, afterId, limit)
                .query((row, index) -> new Entry(row.getLong(1), row.getObject(2, OffsetDateTime.class),
                        row.getString(3), row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                        row.getString(8), row.getString(9)))
                .list();
    }

    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not auditable: " + value, e);
        }
    }
}
