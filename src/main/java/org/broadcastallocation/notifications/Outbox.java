package org.broadcastallocation.notifications;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The transactional outbox: a message is written in the transaction of the change it tells of (so it exists exactly
 * when the change does), and delivered after the commit by {@link OutboxDeliverer}. A row is claimed with
 * {@code FOR UPDATE SKIP LOCKED}: one instance at a time delivers it, and a dead instance's claim ends with its
 * connection, so another takes the row over.
 */
@Repository
class Outbox {

    enum Channel { WEBHOOK, EMAIL }

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A message due for delivery, as claimed. */
    /** @param retryingSince when it was written, or last redelivered: retries end a while after this */
    record Due(long id, String messageId, Channel channel, String endpointId, String address, String body,
            int attempts, OffsetDateTime retryingSince) {
    }

    /** A message as its organisation reads it, with every attempt. */
    record Delivery(long id, String messageId, String organisation, Channel channel, String endpoint,
            String address, String type, String status, int attemptCount, OffsetDateTime createdAt,
            OffsetDateTime nextAttemptAt, OffsetDateTime deliveredAt, List<Attempt> attempts) {
    }

    record Attempt(OffsetDateTime at, String instance, boolean succeeded, Integer httpStatus, String outcome,
            OffsetDateTime nextAttemptAt) {
    }

    void webhook(String eventId, String organisationId, String endpointId, String type, String body) {
        insert(eventId, organisationId, Channel.WEBHOOK, endpointId, null, type, body);
    }

    void email(String eventId, String organisationId, String address, String type, String body) {
        insert(eventId, organisationId, Channel.EMAIL, null, address, type, body);
    }

    /** A message for the staff endpoints of its event. */
    record ToStaff(String eventId, String body) {
    }

    /**
     * Each message to every staff endpoint of its event that asked for the type, in one statement however many
     * (a group commit waits for it): nothing is written for an event without one. Rows in the order given.
     */
    void webhooksToStaff(String type, List<ToStaff> messages) {
        jdbc.sql("""
                insert into notification (message_id, event_id, organisation_id, channel, endpoint_id, type, body)
                select 'msg_' || replace(cast(gen_random_uuid() as text), '-', ''), m.event_id, null, 'WEBHOOK',
                       w.id, ?, m.body
                from unnest(?, ?) with ordinality as m (event_id, body, arrival)
                join webhook_endpoint w on w.event_id = m.event_id and w.organisation_id is null
                                       and ? = any (w.event_types)
                order by m.arrival, w.id""")
                .params(type, new SqlArrayValue("text", messages.stream().map(ToStaff::eventId).toArray()),
                        new SqlArrayValue("text", messages.stream().map(ToStaff::body).toArray()), type)
                .update();
    }

    private void insert(String eventId, String organisationId, Channel channel, String endpointId, String address,
            String type, String body) {
        jdbc.sql("""
                insert into notification (message_id, event_id, organisation_id, channel, endpoint_id, address,
                    type, body)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params("msg_" + UUID.randomUUID().toString().replace("-", ""), eventId, organisationId,
                        channel.name(), endpointId, address, type, body)
                .update();
    }

    /** The oldest due message no other transaction holds, locked until this transaction ends. */
    Optional<Due> claimNext() {
        return jdbc.sql("""
                select id, message_id, channel, endpoint_id, address, body, attempts, retrying_since from notification
                where status = 'PENDING' and next_attempt_at <= now()
                order by next_attempt_at, id limit 1
                for update skip locked""")
                .query((row, index) -> new Due(row.getLong(1), row.getString(2),
                        Channel.valueOf(row.getString(3)), row.getString(4), row.getString(5), row.getString(6),
                        row.getInt(7), row.getObject(8, OffsetDateTime.class)))
                .optional();
    }

    /**
     * @param nextAttempt when to try again; null with {@code succeeded} false: given up
     */
    void recordAttempt(long id, String instance, boolean succeeded, Integer httpStatus, String outcome,
            OffsetDateTime nextAttempt) {
        jdbc.sql("""
                insert into notification_attempt (notification_id, attempted_at, instance, succeeded, http_status,
                    outcome, next_attempt_at)
                values (?, clock_timestamp(), ?, ?, ?, ?, ?)""")
                .params(id, instance, succeeded, httpStatus, outcome, nextAttempt).update();
        String status = succeeded ? "DELIVERED" : nextAttempt == null ? "GAVE_UP" : "PENDING";
        jdbc.sql("""
                update notification set status = ?, attempts = attempts + 1,
                    next_attempt_at = coalesce(?, next_attempt_at),
                    delivered_at = case when ? then clock_timestamp() else delivered_at end
                where id = ?""")
                .params(status, nextAttempt, succeeded, id).update();
    }

    /** Once more, now: a planner's redelivery (after a receiver's fix), whatever its status. */
    boolean redeliver(String eventId, long id) {
        return jdbc.sql("""
                update notification set status = 'PENDING', next_attempt_at = now(), retrying_since = now()
                where event_id = ? and id = ?""").params(eventId, id).update() == 1;
    }

    /** Forgets messages done with (delivered or given up) written before the cutoff, with their attempts. */
    int forgetDoneBefore(OffsetDateTime cutoff) {
        return jdbc.sql("delete from notification where status <> 'PENDING' and created_at < ?").param(cutoff)
                .update();
    }

    /** @param organisationId null: every message of the event */
    List<Delivery> deliveries(String eventId, String organisationId, int limit) {
        var deliveries = jdbc.sql("""
                select id, message_id, organisation_id, channel, endpoint_id, address, type, status, attempts,
                    created_at, next_attempt_at, delivered_at
                from notification where event_id = ? and (cast(? as text) is null or organisation_id = ?)
                order by id desc limit ?""")
                .params(eventId, organisationId, organisationId, limit)
                .query((row, index) -> new Delivery(row.getLong(1), row.getString(2), row.getString(3),
                        Channel.valueOf(row.getString(4)), row.getString(5), row.getString(6), row.getString(7),
                        row.getString(8), row.getInt(9), row.getObject(10, OffsetDateTime.class),
                        row.getObject(11, OffsetDateTime.class), row.getObject(12, OffsetDateTime.class),
                        List.of()))
                .list();
        return deliveries.stream().map(delivery -> new Delivery(delivery.id(), delivery.messageId(),
                delivery.organisation(), delivery.channel(), delivery.endpoint(), delivery.address(),
                delivery.type(), delivery.status(), delivery.attemptCount(), delivery.createdAt(),
                delivery.nextAttemptAt(), delivery.deliveredAt(), attempts(delivery.id()))).toList();
    }

    private List<Attempt> attempts(long id) {
        return jdbc.sql("""
                select attempted_at, instance, succeeded, http_status, outcome, next_attempt_at
                from notification_attempt where notification_id = ? order by id""")
                .param(id)
                .query((row, index) -> new Attempt(row.getObject(1, OffsetDateTime.class), row.getString(2),
                        row.getBoolean(3), (Integer) row.getObject(4), row.getString(5),
                        row.getObject(6, OffsetDateTime.class)))
                .list();
    }

    Optional<String> organisationOf(String eventId, long id) {
        return jdbc.sql("select coalesce(organisation_id, '') from notification where event_id = ? and id = ?")
                .params(eventId, id).query(String.class).optional();
    }
}
