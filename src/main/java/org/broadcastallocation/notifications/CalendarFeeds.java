package org.broadcastallocation.notifications;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Calendar subscriptions: an organisation's feed is reached by a secret in its address, so that a calendar app
 * subscribes without headers. Only the secret's SHA-256 is kept; rotating replaces it, and the old address stops
 * working at once.
 */
@Repository
class CalendarFeeds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    CalendarFeeds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Feed(String id, String organisation, String createdBy, OffsetDateTime createdAt,
            OffsetDateTime rotatedAt) {
    }

    /** Whose feed a secret opens. */
    record Subscription(String eventId, String organisationId) {
    }

    /** A feed made or rotated, with its secret for the one time it is shown. */
    record WithSecret(Feed feed, String token) {
    }

    WithSecret create(String eventId, String organisationId, String actor) {
        String id = "cal_" + HexFormat.of().formatHex(random(8));
        String token = newToken();
        jdbc.sql("""
                insert into calendar_feed (id, event_id, organisation_id, token_hash, created_by)
                values (?, ?, ?, ?, ?)""").params(id, eventId, organisationId, hash(token), actor).update();
        return new WithSecret(find(eventId, id).orElseThrow(), token);
    }

    Optional<WithSecret> rotate(String eventId, String id) {
        String token = newToken();
        int rotated = jdbc.sql("""
                update calendar_feed set token_hash = ?, rotated_at = now() where event_id = ? and id = ?""")
                .params(hash(token), eventId, id).update();
        return rotated == 0 ? Optional.empty() : find(eventId, id).map(feed -> new WithSecret(feed, token));
    }

    boolean revoke(String eventId, String id) {
        return jdbc.sql("delete from calendar_feed where event_id = ? and id = ?").params(eventId, id).update() == 1;
    }

    Optional<Feed> find(String eventId, String id) {
        return jdbc.sql("""
                select id, organisation_id, created_by, created_at, rotated_at from calendar_feed
                where event_id = ? and id = ?""").params(eventId, id).query(CalendarFeeds::feed).optional();
    }

    /** @param organisationId null: every feed of the event */
    List<Feed> list(String eventId, String organisationId) {
        return jdbc.sql("""
                select id, organisation_id, created_by, created_at, rotated_at from calendar_feed
                where event_id = ? and (cast(? as text) is null or organisation_id = ?) order by created_at, id""")
                .params(eventId, organisationId, organisationId).query(CalendarFeeds::feed).list();
    }

    Optional<Subscription> opened(String token) {
        return jdbc.sql("select event_id, organisation_id from calendar_feed where token_hash = ?").param(hash(token))
                .query((row, index) -> new Subscription(row.getString(1), row.getString(2))).optional();
    }

    /** When the organisation's requests last changed (a publish, a cancellation): the feed's Last-Modified. */
    Optional<OffsetDateTime> lastChange(String eventId, String organisationId) {
        return jdbc.sql("select max(updated_at) from request where event_id = ? and organisation_id = ?")
                .params(eventId, organisationId).query(OffsetDateTime.class).optional();
    }

    private static Feed feed(java.sql.ResultSet row, int index) throws java.sql.SQLException {
        return new Feed(row.getString(1), row.getString(2), row.getString(3),
                row.getObject(4, OffsetDateTime.class), row.getObject(5, OffsetDateTime.class));
    }

    private static String newToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
    }

    private static byte[] random(int size) {
        var bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
