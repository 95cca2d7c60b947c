package org.broadcastallocation.requests;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The first answer to each (organisation, Idempotency-Key), so a retried POST never makes a duplicate. Written with
 * the request itself ({@link Requests#insertSubmitted}).
 */
@Repository
public class IdempotencyKeys {

    private final JdbcClient jdbc;

    public IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Answer(String requestId, int status, String body) {
    }

    public Optional<Answer> find(String eventId, String organisationId, String key) {
        return jdbc.sql("""
                select request_id, response_status, response_body::text from idempotency_key
                where event_id = ? and organisation_id = ? and key = ?""")
                .params(eventId, organisationId, key)
                .query((row, index) -> new Answer(row.getString(1), row.getInt(2), row.getString(3)))
                .optional();
    }
}
