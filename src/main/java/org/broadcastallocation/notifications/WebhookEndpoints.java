package org.broadcastallocation.notifications;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where organisations (and staff, organisation null) want facts sent, and for which types. The secret is read only
 * to sign; it is shown to a person once, when made.
 */
@Repository
class WebhookEndpoints {

    /** The facts an endpoint may ask for; offer.* arrive with the planner's hand. */
    static final List<String> TYPES = List.of("round.published", "request.rejected", "allocation.released",
            "offer.made", "offer.expired", "request.late");
    /** Told to staff endpoints only: an organisation hears of its own late request by its answer (201). */
    static final List<String> STAFF_ONLY = List.of("request.late");
    /** What an organisation's endpoint may ask for, and gets when it names none. */
    static final List<String> ORGANISATION_TYPES = TYPES.stream().filter(type -> !STAFF_ONLY.contains(type))
            .toList();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    WebhookEndpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An endpoint as its owner reads it: never with its secret. */
    record Endpoint(String id, String organisation, String url, List<String> events, String createdBy,
            OffsetDateTime createdAt) {
    }

    /** What one delivery needs: where, and the key to sign with. */
    record Target(String id, String url, String secret) {
    }

    Endpoint add(String eventId, String organisationId, String url, List<String> types, String secret,
            String actor) {
        var bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        String id = "ep_" + HexFormat.of().formatHex(bytes);
        jdbc.sql("""
                insert into webhook_endpoint (id, event_id, organisation_id, url, event_types, secret, created_by)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, eventId, organisationId, url, types.toArray(String[]::new), secret, actor).update();
        return find(eventId, id).orElseThrow();
    }

    Optional<Endpoint> find(String eventId, String id) {
        return jdbc.sql("""
                select id, organisation_id, url, event_types, created_by, created_at from webhook_endpoint
                where event_id = ? and id = ?""").params(eventId, id).query(WebhookEndpoints::endpoint).optional();
    }

    /** @param organisationId null: every endpoint of the event (staff's and all organisations') */
    List<Endpoint> list(String eventId, String organisationId) {
        return jdbc.sql("""
                select id, organisation_id, url, event_types, created_by, created_at from webhook_endpoint
                where event_id = ? and (cast(? as text) is null or organisation_id = ?) order by created_at, id""")
                .params(eventId, organisationId, organisationId).query(WebhookEndpoints::endpoint).list();
    }

    boolean delete(String eventId, String id) {
        return jdbc.sql("delete from webhook_endpoint where event_id = ? and id = ?").params(eventId, id)
                .update() == 1;
    }

    boolean replaceSecret(String eventId, String id, String secret) {
        return jdbc.sql("update webhook_endpoint set secret = ? where event_id = ? and id = ?")
                .params(secret, eventId, id).update() == 1;
    }

    /** The organisation's endpoints that asked for this type (staff's when organisation is null). */
    List<Endpoint> subscribed(String eventId, String organisationId, String type) {
        return jdbc.sql("""
                select id, organisation_id, url, event_types, created_by, created_at from webhook_endpoint
                where event_id = ? and organisation_id is not distinct from ? and ? = any (event_types)
                order by id""")
                .params(eventId, organisationId, type).query(WebhookEndpoints::endpoint).list();
    }

    /** The organisations of the event with an endpoint for this type. */
    List<String> organisationsSubscribed(String eventId, String type) {
        return jdbc.sql("""
                select distinct organisation_id from webhook_endpoint
                where event_id = ? and organisation_id is not null and ? = any (event_types)""")
                .params(eventId, type).query(String.class).list();
    }

    Optional<Target> target(String id) {
        return jdbc.sql("select id, url, secret from webhook_endpoint where id = ?").param(id)
                .query((row, index) -> new Target(row.getString(1), row.getString(2), row.getString(3)))
                .optional();
    }

    private static Endpoint endpoint(ResultSet row, int index) throws SQLException {
        Array types = row.getArray(4);
        return new Endpoint(row.getString(1), row.getString(2), row.getString(3),
                Arrays.asList((String[]) types.getArray()), row.getString(5),
                row.getObject(6, OffsetDateTime.class));
    }
}
