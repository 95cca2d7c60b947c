package org.broadcastallocation.requests;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

import org.broadcastallocation.common.JsonColumns;
import org.broadcastallocation.audit.AuditAction;
import org.broadcastallocation.problem.OrganisationKind;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.Quantity;
import org.broadcastallocation.problem.ResourceType;
import org.broadcastallocation.problem.VehicleKind;

/** Requests as stored, with their status and version (optimistic concurrency). */
@Repository
public class Requests {

    private static final TypeReference<Set<String>> NAMES = new TypeReference<>() { };
    private static final TypeReference<List<String>> LINES = new TypeReference<>() { };
    private static final String COLUMNS = """
            event_id, id, organisation_id, type, window_from, window_to, duration_minutes, crew_size, vehicle_kind,
            vehicle_length, required_features::text, preferred_features::text, preferred_start, needs_fibre,
            priority, submitted_at, status, reasons::text, version, updated_at""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    public Requests(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    private static final String INSERT_COLUMNS = """
            event_id, id, organisation_id, type, window_from, window_to, duration_minutes, crew_size, vehicle_kind,
            vehicle_length, required_features, preferred_features, preferred_start, needs_fibre, priority, submitted_at,
            status""";
    private static final String INSERT_VALUES = """
            ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?""";
    private static final String INSERT = "insert into request (" + INSERT_COLUMNS + ") values (" + INSERT_VALUES + ")";

    public void insert(String eventId, ProblemDocument.Request request, RequestStatus status) {
        jdbc.sql(INSERT).params(values(eventId, request, status)).update();
    }

    /**
     * A new request as handed in: the answer its submitter gets (also its audit entry's "after"), who it was, and what
     * it was checked against: the event's version, the organisation's kind, the event's zone, and whether it is late
     * on an event with a published round ({@code lateAfterPublish}: it misses the plan, and staff are told; refused
     * as checked against an old event when it was read unpublished and a round was published since).
     */
    public record Submission(String eventId, ProblemDocument.Request request, String idempotencyKey, String answer,
            String actor, int eventVersion, OrganisationKind organisationKind, ZoneId eventZone,
            boolean lateAfterPublish) {

        /** Event and request id: what makes a request itself. */
        public List<String> key() {
            return List.of(eventId, request.id());
        }
    }

    private static final String INSERT_SUBMITTED = """
            with submitted as (
                select *, cast(answer_text as jsonb) as answer
                from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) with ordinality
                    as s (event_id, id, organisation_id, type, window_from, window_to, duration_minutes, crew_size,
                          vehicle_kind, vehicle_length, required_features, preferred_features, preferred_start,
                          needs_fibre, priority, submitted_at, idempotency_key, answer_text, actor,
                          event_version, organisation_kind, late_after_publish, arrival)),
            checked as (
                select s.* from submitted s
                join event e on e.id = s.event_id and e.version = s.event_version
                join organisation o on o.event_id = s.event_id and o.id = s.organisation_id
                                   and o.kind = s.organisation_kind
                -- Read before the event's first publish and late: its staff would not be told; check it again.
                -- (Only a publish moves pins_version, and never back: read published, it stays published.)
                where s.late_after_publish or e.pins_version = 0 or e.request_deadline is null
                   or cast(s.submitted_at as timestamptz) <= e.request_deadline),
            added as (
                insert into request (%s, updated_at)
                select event_id, id, organisation_id, type, cast(window_from as timestamptz),
                       cast(window_to as timestamptz), duration_minutes, crew_size, vehicle_kind, vehicle_length,
                       cast(required_features as jsonb), cast(preferred_features as jsonb),
                       cast(preferred_start as timestamptz), needs_fibre, priority, cast(submitted_at as timestamptz),
                       'SUBMITTED', cast(submitted_at as timestamptz)
                from checked
                on conflict (event_id, id) do nothing
                returning event_id, id),
            remembered as (
                insert into idempotency_key (event_id, organisation_id, key, request_id, response_status,
                                             response_body)
                select s.event_id, s.organisation_id, s.idempotency_key, s.id, 201, s.answer
                from submitted s join added using (event_id, id)
                where s.idempotency_key is not null),
            audited as (
                insert into audit_log (actor, action, event_id, entity, entity_id, after)
                select s.actor, '%2$s', s.event_id, 'request', s.id, s.answer
                from submitted s join added using (event_id, id)
                order by s.arrival)
            select event_id, id, true from added
            union all
            select event_id, id, false from submitted s
            where not exists (select 1 from checked c where c.event_id = s.event_id and c.id = s.id)
            """.formatted(INSERT_COLUMNS, AuditAction.SUBMIT);

    /** What became of submissions written together, by {@link Submission#key()}. */
    public record Written(Set<List<String>> added, Set<List<String>> checkedAgainstOld) {
    }

    /**
     * New requests in one statement, so in one round trip and one commit however many: each row (last changed when
     * submitted), the answer remembered under its Idempotency-Key (when there is one) and its audit entry; all or
     * nothing. A submission checked against an event version or organisation kind that is no longer current is not
     * written (it must be checked again), nor is one whose id is taken. The submissions must not repeat a request id
     * or an Idempotency-Key among themselves.
     *
     * @throws org.springframework.dao.DuplicateKeyException when an Idempotency-Key was taken first (nothing written)
     */
    public Written insertSubmitted(List<Submission> submissions) {
        int size = submissions.size();
        var columns = new Object[22][size];
        for (int i = 0; i < size; i++) {
            var submission = submissions.get(i);
            var request = submission.request();
            Object[] values = values(submission.eventId(), request, RequestStatus.SUBMITTED);
            for (int column = 0; column < 16; column++) {
                columns[column][i] = values[column] instanceof OffsetDateTime time ? time.toString() : values[column];
            }
            columns[16][i] = submission.idempotencyKey();
            columns[17][i] = submission.answer();
            columns[18][i] = submission.actor();
            columns[19][i] = submission.eventVersion();
            columns[20][i] = submission.organisationKind().name();
            columns[21][i] = submission.lateAfterPublish();
        }
        var parameters = new ArrayList<Object>(columns.length);
        String[] types = {"text", "text", "text", "text", "text", "text", "int4", "int4", "text", "numeric", "text",
            "text", "text", "bool", "int4", "text", "text", "text", "text", "int4", "text",
            "bool"};
        for (int column = 0; column < columns.length; column++) {
            parameters.add(new SqlArrayValue(types[column], columns[column]));
        }
        var written = new Written(new HashSet<>(), new HashSet<>());
        jdbc.sql(INSERT_SUBMITTED).params(parameters).query(row -> {
            var key = List.of(row.getString(1), row.getString(2));
            (row.getBoolean(3) ? written.added() : written.checkedAgainstOld()).add(key);
        });
        return written;
    }

    private static Object[] values(String eventId, ProblemDocument.Request request, RequestStatus status) {
        return new Object[] {eventId, request.id(), request.organisation(), request.type().name(),
                request.window().from(), request.window().to(), request.durationMinutes(),
                request.crewSize(), vehicleKind(request), vehicleLength(request),
                JsonColumns.write(orEmpty(request.requiredFeatures())),
                JsonColumns.write(orEmpty(request.preferredFeatures())), request.preferredStart(),
                request.fibre(), request.priority() == null ? 2 : request.priority(),
                request.submittedAt(), status.name()};
    }

    /** Replaces the request's fields if it is still at {@code expectedVersion}; false when it is not. */
    public boolean update(String eventId, ProblemDocument.Request request, int expectedVersion,
            RequestStatus status) {
        return jdbc.sql("""
                update request set type = ?, window_from = ?, window_to = ?, duration_minutes = ?, crew_size = ?,
                    vehicle_kind = ?, vehicle_length = ?, required_features = cast(? as jsonb),
                    preferred_features = cast(? as jsonb), preferred_start = ?, needs_fibre = ?, priority = ?,
                    submitted_at = ?, status = ?, reasons = '[]', version = version + 1, updated_at = now()
                where event_id = ? and id = ? and version = ?""")
                .params(request.type().name(), request.window().from(), request.window().to(),
                        request.durationMinutes(), request.crewSize(), vehicleKind(request), vehicleLength(request),
                        JsonColumns.write(orEmpty(request.requiredFeatures())),
                        JsonColumns.write(orEmpty(request.preferredFeatures())), request.preferredStart(),
                        request.fibre(), request.priority() == null ? 2 : request.priority(), request.submittedAt(),
                        status.name(), eventId, request.id(), expectedVersion)
                .update() == 1;
    }

    public boolean setStatus(String eventId, String id, int expectedVersion, RequestStatus status) {
        return jdbc.sql("""
                update request set status = ?, version = version + 1, updated_at = now()
                where event_id = ? and id = ? and version = ?""")
                .params(status.name(), eventId, id, expectedVersion).update() == 1;
    }

    /**
     * Where a round's word puts a request: ALLOCATED or WAITLISTED (with reasons) when a round ends, CONFIRMED or
     * WAITLISTED when one is published, SUBMITTED again when the round that spoke for it no longer does.
     * {@code expectedVersion} is the version the decision was taken on.
     */
    public record Outcome(String id, int expectedVersion, RequestStatus status, List<String> reasons) {
    }

    /**
     * Records outcomes in one batch. Each is written only while its request still awaits one (never over a
     * confirmed, cancelled or rejected request) and is still at the version the outcome was decided on (never over
     * an amendment that came meanwhile).
     *
     * @return per outcome, whether it was written
     */
    public boolean[] recordOutcomes(String eventId, List<Outcome> outcomes) {
        int[] counts = batch.batchUpdate("""
                update request set status = ?, reasons = cast(? as jsonb), version = version + 1, updated_at = now()
                where event_id = ? and id = ? and version = ? and status in ('SUBMITTED', 'ALLOCATED', 'WAITLISTED')""",
                outcomes.stream().map(outcome -> new Object[] {outcome.status().name(),
                        JsonColumns.write(outcome.reasons()), eventId, outcome.id(), outcome.expectedVersion()})
                        .toList());
        var written = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            written[i] = counts[i] == 1;
        }
        return written;
    }

    public Optional<StoredRequest> find(String eventId, String id) {
        return jdbc.sql("select " + COLUMNS + " from request where event_id = ? and id = ?").params(eventId, id)
                .query(Requests::stored).optional();
    }

    public List<StoredRequest> ofOrganisation(String eventId, String organisationId) {
        return jdbc.sql("select " + COLUMNS + " from request where event_id = ? and organisation_id = ?"
                + " order by submitted_at, id").params(eventId, organisationId).query(Requests::stored).list();
    }

    public List<StoredRequest> ofEvent(String eventId) {
        return jdbc.sql("select " + COLUMNS + " from request where event_id = ? order by submitted_at, id")
                .param(eventId).query(Requests::stored).list();
    }

    public List<StoredRequest> withStatus(String eventId, Collection<RequestStatus> statuses) {
        return jdbc.sql("select " + COLUMNS + " from request where event_id = :event and status in (:statuses)"
                        + " order by submitted_at, id")
                .param("event", eventId)
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .query(Requests::stored).list();
    }

    /**
     * A request just submitted, as its row will read back: what the columns keep of it (no vehicle without a kind,
     * features never null, fibre yes or no, priority 2 unless said), submitted, version 0, last changed when handed in.
     */
    static StoredRequest asSubmitted(String eventId, ProblemDocument.Request request) {
        String kind = vehicleKind(request);
        var vehicle = kind == null ? null
                : new ProblemDocument.Vehicle(VehicleKind.valueOf(kind), request.vehicle().lengthMetres());
        var stored = new ProblemDocument.Request(request.id(), request.organisation(), request.type(),
                request.window(), request.durationMinutes(), request.crewSize(), vehicle,
                orEmpty(request.requiredFeatures()), orEmpty(request.preferredFeatures()), request.preferredStart(),
                request.fibre(), request.priority() == null ? 2 : request.priority(), request.submittedAt());
        return new StoredRequest(eventId, stored, RequestStatus.SUBMITTED, List.of(), 0, request.submittedAt());
    }

    private static StoredRequest stored(ResultSet row, int index) throws SQLException {
        String vehicleKind = row.getString(9);
        var vehicle = vehicleKind == null ? null
                : new ProblemDocument.Vehicle(VehicleKind.valueOf(vehicleKind), metres(row.getBigDecimal(10)));
        var request = new ProblemDocument.Request(row.getString(2), row.getString(3),
                ResourceType.valueOf(row.getString(4)),
                new ProblemDocument.Interval(row.getObject(5, OffsetDateTime.class),
                        row.getObject(6, OffsetDateTime.class)),
                (Integer) row.getObject(7), (Integer) row.getObject(8), vehicle,
                JsonColumns.read(row.getString(11), NAMES), JsonColumns.read(row.getString(12), NAMES),
                row.getObject(13, OffsetDateTime.class), row.getBoolean(14), row.getInt(15),
                row.getObject(16, OffsetDateTime.class));
        return new StoredRequest(row.getString(1), request, RequestStatus.valueOf(row.getString(17)),
                JsonColumns.read(row.getString(18), LINES), row.getInt(19), row.getObject(20, OffsetDateTime.class));
    }

    private static String vehicleKind(ProblemDocument.Request request) {
        return request.vehicle() == null || request.vehicle().kind() == null ? null
                : request.vehicle().kind().name();
    }

    /** numeric(5, 2): metres to the centimetre, exactly as given. */
    private static BigDecimal vehicleLength(ProblemDocument.Request request) {
        return request.vehicle() == null || request.vehicle().lengthMetres() == null ? null
                : request.vehicle().lengthMetres().value();
    }

    /** 7.50 in the column is 7.5 in the document; 16.00 is 16. */
    private static Quantity metres(BigDecimal column) {
        return column == null ? null : Quantity.of(column);
    }

    private static Set<String> orEmpty(Set<String> names) {
        return names == null ? Set.of() : names;
    }
}
