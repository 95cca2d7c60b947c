package org.broadcastallocation.rounds;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.broadcastallocation.common.JsonColumns;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.report.AllocationReport;

/**
 * Allocation rounds as stored. A solve is claimed with one conditional update, so that of several service instances
 * on one database exactly one solves a round; the solving instance saves its best solution and a heartbeat.
 *
 * <p>A little over 300 lines because every statement on the rounds table stands here: claim, start, heartbeat, stop,
 * release and finish make one protocol between instances, and are read and changed side by side.
 */
@Repository
public class Rounds {

    private static final String COLUMNS = """
            event_id, number, status, created_at, created_by, overrides::text, pins_version, time_limit_seconds,
            claimed_by, heartbeat_at, started_at, ended_at, score_hard, score_medium, score_soft, solving_millis,
            published_at, published_by, stop_requested, left_out::text, kind""";

    private static final TypeReference<List<ProblemDocument.Resource>> RESOURCES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    public Rounds(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** A round's state, without its (large) problem and report. */
    public record Round(String eventId, int number, RoundStatus status, OffsetDateTime createdAt, String createdBy,
            String overrides, int pinsVersion, Integer timeLimitSeconds, String claimedBy,
            OffsetDateTime heartbeatAt, OffsetDateTime startedAt, OffsetDateTime endedAt, Integer hard,
            Integer medium, Integer soft, Long solvingMillis, OffsetDateTime publishedAt, String publishedBy,
            boolean stopRequested, String leftOut, RoundKind kind) {

        /**
         * A round publishes once, when it has ended, breaks no hard rule, and was built on the pins of the moment:
         * a round snapshotted before another round's publish would confirm places that publish may have taken.
         */
        public void requirePublishable(int eventPinsVersion) {
            if (status == RoundStatus.PUBLISHED) {
                throw new RoundAlreadyPublished("round " + number + " is published already");
            }
            if (!status.ended()) {
                throw new RoundNotEnded("round " + number + " is " + status + "; only a finished round is published");
            }
            if (hard == null || hard < 0) {
                throw new RoundBreaksHardRules("round " + number + " breaks hard rules (" + hard + " hard) and"
                        + " cannot be published");
            }
            if (!builtOnPins(eventPinsVersion)) {
                throw new RoundOnStalePins("round " + number + " was built on pins that changed since (another"
                        + " round was published); create a new round");
            }
        }

        /** Snapshotted after the latest publish: its outcomes may still speak for the requests. */
        public boolean builtOnPins(int eventPinsVersion) {
            return pinsVersion == eventPinsVersion;
        }
    }

    /** A request a publish did not confirm although the round placed it, and why. */
    public record LeftOut(String request, String reason) {
    }

    /** A placement a round decided, as stored; {@code byHand}: a planner put it there by hand. */
    public record Placed(String requestId, String resourceId, OffsetDateTime start, OffsetDateTime end,
            boolean pinned, boolean byHand) {
    }

    public int create(String eventId, String createdBy, Object overrides, ProblemDocument problem, int pinsVersion,
            Integer timeLimitSeconds) {
        return create(eventId, createdBy, overrides, problem, pinsVersion, timeLimitSeconds, RoundKind.FULL);
    }

    public int create(String eventId, String createdBy, Object overrides, ProblemDocument problem, int pinsVersion,
            Integer timeLimitSeconds, RoundKind kind) {
        return jdbc.sql("""
                insert into round (event_id, number, status, created_by, overrides, problem, pins_version,
                                   time_limit_seconds, kind)
                select :event, coalesce(max(number), 0) + 1, 'CREATED', :by, cast(:overrides as jsonb),
                       cast(:problem as jsonb), :pins, :limit, :kind
                from round where event_id = :event
                returning number""")
                .param("event", eventId).param("by", createdBy).param("kind", kind.name())
                .param("overrides", JsonColumns.write(overrides)).param("problem", JsonColumns.write(problem))
                .param("pins", pinsVersion).param("limit", timeLimitSeconds)
                .query(Integer.class).single();
    }

    public Optional<Round> find(String eventId, int number) {
        return jdbc.sql("select " + COLUMNS + " from round where event_id = ? and number = ?")
                .params(eventId, number).query(Rounds::round).optional();
    }

    public List<Round> ofEvent(String eventId) {
        return jdbc.sql("select " + COLUMNS + " from round where event_id = ? order by number").param(eventId)
                .query(Rounds::round).list();
    }

    public ProblemDocument problem(String eventId, int number) {
        return JsonColumns.read(jdbc.sql("select problem::text from round where event_id = ? and number = ?")
                .params(eventId, number).query(String.class).single(), ProblemDocument.class);
    }

    /** What a timeline needs of a round's snapshot: its time zone, its resources and who asked for each request. */
    public record SnapshotSite(String timeZone, List<ProblemDocument.Resource> resources,
            Map<String, String> organisationOfRequest) {
    }

    /** Picked out of the snapshot by the database: parsing a 3,000-request snapshot whole cost most of a call. */
    public SnapshotSite snapshotSite(String eventId, int number) {
        var head = jdbc.sql("""
                select problem->'event'->>'timeZone', (problem->'resources')::text from round
                where event_id = ? and number = ?""").params(eventId, number)
                .query((row, index) -> new String[] {row.getString(1), row.getString(2)}).single();
        var organisations = new HashMap<String, String>();
        jdbc.sql("""
                select request->>'id', request->>'organisation'
                from round, jsonb_array_elements(round.problem->'requests') request
                where round.event_id = ? and round.number = ?""").params(eventId, number)
                .query((ResultSet row) -> {
                    organisations.put(row.getString(1), row.getString(2));
                });
        return new SnapshotSite(head[0], JsonColumns.read(head[1], RESOURCES), organisations);
    }

    public Optional<AllocationReport> report(String eventId, int number) {
        return reportJson(eventId, number).map(json -> JsonColumns.read(json, AllocationReport.class));
    }

    /** The report as stored, unparsed: what the API serves, after {@link ReportJson#asOf}. */
    public Optional<String> reportJson(String eventId, int number) {
        return jdbc.sql("select report::text from round where event_id = ? and number = ? and report is not null")
                .params(eventId, number).query(String.class).optional();
    }

    /**
     * Takes the round for this instance if nobody has it, as SOLVING (a solver is free) or QUEUED (it waits for one);
     * false when it is not to be had. A SOLVED round is solved again only once a planner changed it by hand.
     */
    public boolean claim(String eventId, int number, String instance, RoundStatus as) {
        return jdbc.sql("""
                update round set status = ?, queued_from = status, claimed_by = ?, heartbeat_at = now(),
                    started_at = now(), ended_at = null, stop_requested = false, version = version + 1
                where event_id = ? and number = ? and (status in ('CREATED', 'STOPPED', 'INTERRUPTED')
                    or status = 'SOLVED' and exists (select 1 from round_hand_placement h
                        where h.event_id = round.event_id and h.round_number = round.number))""")
                .params(as.name(), instance, eventId, number).update() == 1;
    }

    /** The solver takes the claimed round up; false when it was stopped or taken away meanwhile. */
    public boolean startSolving(String eventId, int number, String instance) {
        return jdbc.sql("""
                update round set status = 'SOLVING', queued_from = null, started_at = now(), ended_at = null,
                    heartbeat_at = now(), version = version + 1
                where event_id = ? and number = ? and claimed_by = ? and status in ('QUEUED', 'SOLVING')
                  and not stop_requested""")
                .params(eventId, number, instance).update() == 1;
    }

    /**
     * A round this instance claimed but whose solver never began (stopped before it, or it found itself taken away)
     * goes back to what it was before the claim, whether it was claimed QUEUED or SOLVING.
     */
    public void releaseUnstarted(String eventId, int number, String instance) {
        jdbc.sql("""
                update round set status = queued_from, queued_from = null, claimed_by = null,
                    stop_requested = false, version = version + 1
                where event_id = ? and number = ? and claimed_by = ? and status in ('QUEUED', 'SOLVING')
                  and queued_from is not null""")
                .params(eventId, number, instance).update();
    }

    /** A queued round stopped before its solver began goes back to what it was; false when it was not queued. */
    public boolean unqueue(String eventId, int number) {
        return jdbc.sql("""
                update round set status = queued_from, queued_from = null, claimed_by = null,
                    stop_requested = false, version = version + 1
                where event_id = ? and number = ? and status = 'QUEUED'""")
                .params(eventId, number).update() == 1;
    }

    /**
     * Still alive: one statement for every round this instance has claimed (waiting or solving). A round whose row
     * another transaction holds (its own end being written, a publish looking at it) is skipped, never waited for:
     * the one thread that beats for all of them must not stall, or the others would look dead.
     */
    /**
     * Beats for the rounds this instance is running now ({@code keys}: event#round), never for every round it holds:
     * a round whose end could not be written (the database was away) must go quiet, so that recovery ends it.
     */
    public void heartbeat(String instance, Collection<String> keys) {
        jdbc.sql("""
                update round set heartbeat_at = now()
                where (event_id, number) in (
                    select event_id, number from round
                    where claimed_by = ? and status in ('QUEUED', 'SOLVING')
                        and event_id || '#' || number = any (?)
                    for update skip locked)""").params(instance, keys.toArray(String[]::new)).update();
    }

    /** The rounds this instance holds as committed, and whether someone asked each to stop (reads wait for nobody). */
    public Map<String, Boolean> claimedBy(String instance) {
        var claimed = new HashMap<String, Boolean>();
        jdbc.sql("""
                select event_id, number, stop_requested from round
                where claimed_by = ? and status in ('QUEUED', 'SOLVING')""").param(instance)
                .query((ResultSet row) -> {
                    claimed.put(row.getString(1) + "#" + row.getInt(2), row.getBoolean(3));
                });
        return claimed;
    }

    public boolean requestStop(String eventId, int number) {
        return jdbc.sql("""
                update round set stop_requested = true
                where event_id = ? and number = ? and status in ('QUEUED', 'SOLVING')""").params(eventId, number)
                .update() == 1;
    }

    /** The best solution so far, replacing the previous best, while the round is this instance's. */
    public void saveBest(String eventId, int number, String instance, AllocationReport report) {
        int updated = jdbc.sql("""
                update round set report = cast(? as json), score_hard = ?, score_medium = ?, score_soft = ?,
                    solving_millis = ?, heartbeat_at = now()
                where event_id = ? and number = ? and claimed_by = ? and status = 'SOLVING'""")
                .params(JsonColumns.write(report), report.score().hard(), report.score().medium(),
                        report.score().soft(), report.solvingMillis(), eventId, number, instance)
                .update();
        if (updated == 1) {
            writeAllocations(eventId, number, report);
        }
    }

    /**
     * A planner's change by hand to an ended, unpublished round (held under {@link #lock}): its report and score
     * replaced. False when the round is solving, queued or published meanwhile.
     */
    public boolean replaceEndedReport(String eventId, int number, AllocationReport report) {
        int updated = jdbc.sql("""
                update round set report = cast(? as json), score_hard = ?, score_medium = ?, score_soft = ?,
                    version = version + 1
                where event_id = ? and number = ? and status in ('SOLVED', 'STOPPED', 'INTERRUPTED')""")
                .params(JsonColumns.write(report), report.score().hard(), report.score().medium(),
                        report.score().soft(), eventId, number)
                .update();
        if (updated == 1) {
            writeAllocations(eventId, number, report);
        }
        return updated == 1;
    }

    private void writeAllocations(String eventId, int number, AllocationReport report) {
        jdbc.sql("delete from round_allocation where event_id = ? and round_number = ?").params(eventId, number)
                .update();
        // One batch: a 3,000-request round is saved with every heartbeat.
        batch.batchUpdate("""
                insert into round_allocation (event_id, round_number, request_id, resource_id, starts_at,
                    ends_at, pinned) values (?, ?, ?, ?, ?, ?, ?)""",
                report.allocations().stream().map(allocation -> new Object[] {eventId, number,
                        allocation.request(), allocation.resource(), allocation.start(), allocation.end(),
                        allocation.pinned()}).toList());
    }

    /** Ends the round solved here; false when it is no longer this instance's to end (recovery interrupted it). */
    public boolean finish(String eventId, int number, String instance, RoundStatus status) {
        return jdbc.sql("""
                update round set status = ?, ended_at = now(), version = version + 1
                where event_id = ? and number = ? and claimed_by = ? and status = 'SOLVING'""")
                .params(status.name(), eventId, number, instance).update() == 1;
    }

    /**
     * Rounds whose instance stopped answering: a solving one is INTERRUPTED (its best saved solution stands); a
     * queued one, whose solver never ran, goes back to what it was before it was claimed.
     */
    public List<Round> releaseStale(int heartbeatTimeoutSeconds) {
        return jdbc.sql("""
                update round set
                    status = case when status = 'SOLVING' then 'INTERRUPTED' else queued_from end,
                    ended_at = case when status = 'SOLVING' then now() else ended_at end,
                    claimed_by = case when status = 'SOLVING' then claimed_by end,
                    queued_from = null, version = version + 1
                where status in ('QUEUED', 'SOLVING') and heartbeat_at < now() - make_interval(secs => ?)
                returning\s""" + COLUMNS)
                .param(heartbeatTimeoutSeconds).query(Rounds::round).list();
    }

    public List<Placed> allocations(String eventId, int number) {
        return jdbc.sql("""
                select a.request_id, a.resource_id, a.starts_at, a.ends_at, a.pinned, h.request_id is not null
                from round_allocation a
                left join round_hand_placement h on h.event_id = a.event_id and h.round_number = a.round_number
                    and h.request_id = a.request_id and h.resource_id = a.resource_id
                    and h.starts_at = a.starts_at
                where a.event_id = ? and a.round_number = ? order by a.resource_id, a.starts_at, a.request_id""")
                .params(eventId, number)
                .query((row, index) -> new Placed(row.getString(1), row.getString(2),
                        row.getObject(3, OffsetDateTime.class), row.getObject(4, OffsetDateTime.class),
                        row.getBoolean(5), row.getBoolean(6)))
                .list();
    }

    /** Locks the round row for the publishing transaction. */
    public Optional<Round> lock(String eventId, int number) {
        return jdbc.sql("select " + COLUMNS + " from round where event_id = ? and number = ? for update")
                .params(eventId, number).query(Rounds::round).optional();
    }

    public void markPublished(String eventId, int number, String actor, List<LeftOut> leftOut) {
        jdbc.sql("""
                update round set status = 'PUBLISHED', published_at = now(), published_by = ?,
                    left_out = cast(? as jsonb), version = version + 1
                where event_id = ? and number = ?""").params(actor, JsonColumns.write(leftOut), eventId, number)
                .update();
    }

    private static Round round(ResultSet row, int index) throws SQLException {
        return new Round(row.getString(1), row.getInt(2), RoundStatus.valueOf(row.getString(3)),
                row.getObject(4, OffsetDateTime.class), row.getString(5), row.getString(6), row.getInt(7),
                (Integer) row.getObject(8), row.getString(9), row.getObject(10, OffsetDateTime.class),
                row.getObject(11, OffsetDateTime.class), row.getObject(12, OffsetDateTime.class),
                (Integer) row.getObject(13), (Integer) row.getObject(14), (Integer) row.getObject(15),
                (Long) row.getObject(16), row.getObject(17, OffsetDateTime.class), row.getString(18),
                row.getBoolean(19), row.getString(20), RoundKind.valueOf(row.getString(21)));
    }
}
