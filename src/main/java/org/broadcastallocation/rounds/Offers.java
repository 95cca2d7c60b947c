package org.broadcastallocation.rounds;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.broadcastallocation.common.JsonColumns;
import org.broadcastallocation.requests.RequestStatus;

/**
 * Places offered by published fills, and the event's settings for them. An offer's time is the database's: its
 * expiry is made and judged by one clock, whichever instance looks.
 */
@Repository
class Offers {

    private static final String COLUMNS = """
            o.event_id, o.request_id, r.organisation_id, o.round_number, o.resource_id, o.starts_at, o.ends_at,
            o.made_at, o.expires_at, o.status, o.decided_at, o.decided_by""";

    private final JdbcClient jdbc;

    Offers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    enum OfferStatus {
        OPEN, ACCEPTED, DECLINED, EXPIRED
    }

    record Offer(String eventId, String requestId, String organisation, int round, String resourceId,
            OffsetDateTime start, OffsetDateTime end, OffsetDateTime madeAt, OffsetDateTime expiresAt,
            OfferStatus status, OffsetDateTime decidedAt, String decidedBy) {
    }

    /** How long a broadcaster has to answer, and whether fills publish (and so offer) without a planner. */
    record Settings(int offerSeconds, boolean fillsPublishThemselves) {
    }

    Offer make(String eventId, String requestId, int round, String resourceId, OffsetDateTime start,
            OffsetDateTime end, int offerSeconds) {
        jdbc.sql("""
                insert into offer (event_id, request_id, round_number, resource_id, starts_at, ends_at, expires_at)
                values (?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))""")
                .params(eventId, requestId, round, resourceId, start, end, offerSeconds).update();
        return open(eventId, requestId, false).orElseThrow();
    }

    /** The request's open offer; {@code lock}: held for this transaction's answer. */
    Optional<Offer> open(String eventId, String requestId, boolean lock) {
        return jdbc.sql("select " + COLUMNS + " from offer o join request r on r.event_id = o.event_id"
                        + " and r.id = o.request_id where o.event_id = ? and o.request_id = ? and o.status = 'OPEN'"
                        + (lock ? " for update of o" : ""))
                .params(eventId, requestId).query(Offers::offer).optional();
    }

    /** The request's latest offer, whatever its status: what became of it once it is no longer open. */
    Optional<Offer> latest(String eventId, String requestId) {
        return jdbc.sql("select " + COLUMNS + " from offer o join request r on r.event_id = o.event_id"
                        + " and r.id = o.request_id where o.event_id = ? and o.request_id = ?"
                        + " order by o.made_at desc, o.round_number desc limit 1")
                .params(eventId, requestId).query(Offers::offer).optional();
    }

    /** Whether the open offer's time is up, by the database's clock. */
    boolean expired(Offer offer) {
        return jdbc.sql("select expires_at <= now() from offer where event_id = ? and request_id = ?"
                        + " and round_number = ?").params(offer.eventId(), offer.requestId(), offer.round())
                .query(Boolean.class).single();
    }

    void decide(Offer offer, OfferStatus status, String by) {
        jdbc.sql("""
                update offer set status = ?, decided_at = now(), decided_by = ?
                where event_id = ? and request_id = ? and round_number = ? and status = 'OPEN'""")
                .params(status.name(), by, offer.eventId(), offer.requestId(), offer.round()).update();
    }

    /** Open offers whose time is up, each locked for whoever expires it (another instance skips them). */
    List<Offer> dueForExpiry(int limit) {
        return jdbc.sql("select " + COLUMNS + " from offer o join request r on r.event_id = o.event_id"
                        + " and r.id = o.request_id where o.status = 'OPEN' and o.expires_at <= now()"
                        + " order by o.expires_at limit ? for update of o skip locked")
                .param(limit).query(Offers::offer).list();
    }

    List<Offer> ofEvent(String eventId, String organisationOrNull) {
        return jdbc.sql("select " + COLUMNS + " from offer o join request r on r.event_id = o.event_id"
                        + " and r.id = o.request_id where o.event_id = :event"
                        + " and (cast(:organisation as text) is null or r.organisation_id = :organisation)"
                        + " order by o.made_at, o.request_id")
                .param("event", eventId).param("organisation", organisationOrNull).query(Offers::offer).list();
    }

    /**
     * An offered request's answer: CONFIRMED, or WAITLISTED again with why. False when it is no longer OFFERED
     * (cancelled meanwhile).
     */
    boolean setRequestStatus(String eventId, String requestId, RequestStatus status,
            List<String> reasons) {
        return jdbc.sql("""
                update request set status = ?, reasons = cast(? as jsonb), version = version + 1, updated_at = now()
                where event_id = ? and id = ? and status = 'OFFERED'""")
                .params(status.name(), JsonColumns.write(reasons), eventId, requestId)
                .update() == 1;
    }

    /** Requests that were offered a place and let it go (declined or expired): the fills pass them by. */
    List<String> passedOver(String eventId) {
        return jdbc.sql("select distinct request_id from offer where event_id = ? and status in ('DECLINED',"
                + " 'EXPIRED')").param(eventId).query(String.class).list();
    }

    Settings settings(String eventId) {
        return jdbc.sql("select offer_seconds, fills_publish_themselves from event where id = ?").param(eventId)
                .query((row, index) -> new Settings(row.getInt(1), row.getBoolean(2))).single();
    }

    void saveSettings(String eventId, Settings settings) {
        jdbc.sql("update event set offer_seconds = ?, fills_publish_themselves = ? where id = ?")
                .params(settings.offerSeconds(), settings.fillsPublishThemselves(), eventId).update();
    }

    private static Offer offer(ResultSet row, int index) throws SQLException {
        return new Offer(row.getString(1), row.getString(2), row.getString(3), row.getInt(4), row.getString(5),
                row.getObject(6, OffsetDateTime.class), row.getObject(7, OffsetDateTime.class),
                row.getObject(8, OffsetDateTime.class), row.getObject(9, OffsetDateTime.class),
                OfferStatus.valueOf(row.getString(10)), row.getObject(11, OffsetDateTime.class), row.getString(12));
    }
}
