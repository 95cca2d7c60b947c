package org.broadcastallocation.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.broadcastallocation.common.JsonColumns;
import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ProblemDocument.Interval;
import org.broadcastallocation.problem.ResourceType;

/**
 * Events as stored: their settings and pins' version. Their site is {@link Sites}', their organisations
 * {@link Organisations}'.
 */
@Repository
public class Events {

    private static final TypeReference<List<Interval>> INTERVALS = new TypeReference<>() { };
    private static final TypeReference<List<LocalDate>> DAYS = new TypeReference<>() { };
    private static final TypeReference<Map<ResourceType, Integer>> QUOTA = new TypeReference<>() { };

    /** How long a submission may be checked against what was read (see {@link #recentWithOrganisation}). */
    private static final long RECENT_NANOS = 5_000_000_000L;

    private final JdbcClient jdbc;
    private final Map<String, ZoneId> timeZones = new ConcurrentHashMap<>();
    private final Map<List<String>, Recent> recent = new ConcurrentHashMap<>();

    private record Recent(WithOrganisation found, long readAtNanos) {
    }

    public Events(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An event's settings, and how many publications it has had (the pins' version). */
    public record StoredEvent(ProblemDocument.Event event, int pinsVersion, int version) {
    }

    private static final String EVENT_COLUMNS = """
            e.id, e.name, e.time_zone, e.starts_at, e.ends_at, e.request_deadline, e.opening_hours::text,
            e.parking_access_days::text, e.late_intake, e.quota::text, e.weights::text, e.pins_version, e.version""";

    public boolean exists(String id) {
        return jdbc.sql("select count(*) from event where id = ?").param(id).query(Integer.class).single() > 0;
    }

    public long count() {
        return jdbc.sql("select count(*) from event").query(Long.class).single();
    }

    /** The event, or {@link NotFound}: for every call about an event that must exist. */
    public StoredEvent require(String id) {
        return find(id).orElseThrow(() -> new NotFound("event " + id));
    }

    public Optional<StoredEvent> find(String id) {
        return jdbc.sql("select " + EVENT_COLUMNS + " from event e where id = ?").param(id).query(Events::event)
                .optional();
    }

    /**
     * An event's time zone, which every answer to a broadcaster is written in. It is set when the event is imported and
     * nothing changes or deletes an event, so once read it is kept.
     */
    public Optional<ZoneId> timeZone(String eventId) {
        var known = timeZones.get(eventId);
        if (known != null) {
            return Optional.of(known);
        }
        var read = jdbc.sql("select time_zone from event where id = ?").param(eventId).query(String.class).optional()
                .map(ZoneId::of);
        read.ifPresent(zone -> timeZones.put(eventId, zone));
        return read;
    }

    /** An event with one of its organisations (empty when it has no such organisation). */
    public record WithOrganisation(StoredEvent stored, Optional<ProblemDocument.Organisation> organisation) {
    }

    /**
     * As {@link #findWithOrganisation}, but as read in the last few seconds: every submission needs it and it hardly
     * ever changes. Whoever uses it must make sure, when writing, that the event's version and the organisation's
     * kind are still those it read (submissions do, in the statement that writes them) and read again with
     * {@link #refreshedWithOrganisation} when they are not.
     */
    public Optional<WithOrganisation> recentWithOrganisation(String eventId, String organisationId) {
        var key = List.of(eventId, organisationId);
        var known = recent.get(key);
        long now = System.nanoTime();
        if (known != null && now - known.readAtNanos() < RECENT_NANOS) {
            return Optional.of(known.found());
        }
        return refreshedWithOrganisation(eventId, organisationId);
    }

    /** As {@link #findWithOrganisation}, and remembered for {@link #recentWithOrganisation} from now on. */
    public Optional<WithOrganisation> refreshedWithOrganisation(String eventId, String organisationId) {
        var key = List.of(eventId, organisationId);
        long now = System.nanoTime();
        var found = findWithOrganisation(eventId, organisationId);
        if (found.isPresent() && found.get().organisation().isPresent()) {
            if (recent.size() >= 10_000) {
                recent.clear();
            }
            recent.put(key, new Recent(found.get(), now));
        } else {
            recent.remove(key);
        }
        return found;
    }

    /** What a submission is checked against, in one round trip: the event's settings and the submitter. */
    public Optional<WithOrganisation> findWithOrganisation(String eventId, String organisationId) {
        return jdbc.sql("select " + EVENT_COLUMNS + ", o.id, o.name, o.kind, o.country from event e"
                        + " left join organisation o on o.event_id = e.id and o.id = ? where e.id = ?")
                .params(organisationId, eventId)
                .query((row, index) -> new WithOrganisation(event(row, index),
                        row.getString(14) == null ? Optional.empty() : Optional.of(Organisations.organisation(row, 14))))
                .optional();
    }

    public List<StoredEvent> all() {
        return jdbc.sql("select " + EVENT_COLUMNS + " from event e order by starts_at, id").query(Events::event)
                .list();
    }

    public void insert(ProblemDocument.Event event) {
        jdbc.sql("""
                insert into event (id, name, time_zone, starts_at, ends_at, request_deadline, opening_hours,
                                   parking_access_days, late_intake, quota, weights)
                values (?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, cast(? as jsonb), cast(? as jsonb))""")
                .params(event.id(), event.name() == null ? event.id() : event.name(), event.timeZone(), event.start(),
                        event.end(), event.requestDeadline(), JsonColumns.write(orEmpty(event.openingHours())),
                        JsonColumns.write(orEmpty(event.parkingAccessDays())), event.lateIntakeOpen(),
                        JsonColumns.write(event.quota() == null ? Map.of() : event.quota()),
                        JsonColumns.write(event.weights()))
                .update();
    }

    public void setLateIntake(String id, boolean open) {
        jdbc.sql("update event set late_intake = ?, version = version + 1 where id = ?").params(open, id).update();
    }

    /**
     * Locks the event's row until the transaction ends and reads its pins' version: whatever numbers a round, ends
     * one or publishes one takes this lock first, so that those happen one at a time per event. FOR NO KEY UPDATE
     * excludes its own kind as FOR UPDATE did, but not the key-share lock that a row referencing the event (an outbox
     * message, a round) takes: a group commit of late submissions writing staff's notification does not wait for a
     * fill that reads the whole event under this lock.
     */
    public Optional<Integer> lockPins(String id) {
        return jdbc.sql("select pins_version from event where id = ? for no key update").param(id)
                .query(Integer.class).optional();
    }

    /** Called in the publishing transaction: rounds snapshotted before it are now on stale pins. */
    public int bumpPinsVersion(String id) {
        return jdbc.sql("update event set pins_version = pins_version + 1 where id = ? returning pins_version")
                .param(id).query(Integer.class).single();
    }

    /** An event's settings stored as JSON, read back. */
    private record JsonSettings(List<Interval> openingHours, List<LocalDate> parkingAccessDays,
            Map<ResourceType, Integer> quota, ProblemDocument.Weights weights) {
    }

    /**
     * The event row is read on every broadcaster call, and parsing its JSON columns (timestamps above all) was a
     * tenth of such a call. Parsed once per distinct text: the key is the stored text itself, so nothing goes stale.
     */
    private static final Map<String, JsonSettings> PARSED_SETTINGS = new ConcurrentHashMap<>();

    private static StoredEvent event(ResultSet row, int index) throws SQLException {
        String key = row.getString(7) + '\u0000' + row.getString(8) + '\u0000' + row.getString(10) + '\u0000'
                + row.getString(11);
        var settings = PARSED_SETTINGS.get(key);
        if (settings == null) {
            var quota = JsonColumns.read(row.getString(10), QUOTA);
            settings = new JsonSettings(immutable(JsonColumns.read(row.getString(7), INTERVALS)),
                    immutable(JsonColumns.read(row.getString(8), DAYS)), quota == null ? null : Map.copyOf(quota),
                    JsonColumns.read(row.getString(11), ProblemDocument.Weights.class));
            if (PARSED_SETTINGS.size() >= 1_000) {
                PARSED_SETTINGS.clear();
            }
            PARSED_SETTINGS.put(key, settings);
        }
        var event = new ProblemDocument.Event(row.getString(1), row.getString(2), row.getString(3),
                row.getObject(4, OffsetDateTime.class), row.getObject(5, OffsetDateTime.class),
                row.getObject(6, OffsetDateTime.class), settings.openingHours(), settings.parkingAccessDays(),
                row.getBoolean(9), settings.quota(), settings.weights());
        return new StoredEvent(event, row.getInt(12), row.getInt(13));
    }

    /** Shared between callers, so no caller can change another's copy. */
    private static <T> List<T> immutable(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
