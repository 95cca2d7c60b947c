package org.broadcastallocation.rounds;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;

import org.broadcastallocation.common.JsonColumns;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.events.LocalTimes;
import org.broadcastallocation.report.AllocationReport;

/**
 * A round as a planner follows it, times in the event's own offset. {@code stale}: another round was published since
 * this one's snapshot, so it can no longer publish. {@code solvingOn}: the instance that holds it, while one does.
 * {@code leftOut}: what its publish did not confirm although the round placed it, and why. {@code kind}: FULL, or
 * FILL (planned at once for a freed place; its publish offers rather than confirms).
 */
record RoundView(String event, int round, RoundStatus status, AllocationReport.Score score, Long solvingMillis,
        Long elapsedMillis, int pinsVersion, boolean stale, String createdBy, OffsetDateTime createdAt,
        OffsetDateTime startedAt, OffsetDateTime endedAt, OffsetDateTime publishedAt, String publishedBy,
        String solvingOn, List<Rounds.LeftOut> leftOut, RoundKind kind) {

    private static final TypeReference<List<Rounds.LeftOut>> LEFT_OUT = new TypeReference<>() { };

    /** {@code now}: where a round still running has got to. */
    static RoundView of(Rounds.Round round, Events.StoredEvent event, OffsetDateTime now) {
        var zone = ZoneId.of(event.event().timeZone());
        var score = round.hard() == null ? null : new AllocationReport.Score(round.hard(), round.medium(),
                round.soft(), round.hard() == 0);
        Long elapsed = round.startedAt() == null ? null
                : Duration.between(round.startedAt(), round.endedAt() == null ? now : round.endedAt()).toMillis();
        return new RoundView(round.eventId(), round.number(), round.status(), score, round.solvingMillis(), elapsed,
                round.pinsVersion(), !round.builtOnPins(event.pinsVersion()), round.createdBy(),
                LocalTimes.at(round.createdAt(), zone), LocalTimes.at(round.startedAt(), zone),
                LocalTimes.at(round.endedAt(), zone), LocalTimes.at(round.publishedAt(), zone), round.publishedBy(),
                round.status().claimed() ? round.claimedBy() : null, JsonColumns.read(round.leftOut(), LEFT_OUT),
                round.kind());
    }
}
