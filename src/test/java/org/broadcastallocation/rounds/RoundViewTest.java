package org.broadcastallocation.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.Fixture.at;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.broadcastallocation.Fixture;
import org.broadcastallocation.events.Events;

class RoundViewTest {

    private static final OffsetDateTime NOW = at("24 10:00");

    @Test
    void aRoundIsStaleOnceAnotherRoundWasPublishedAfterItsSnapshot() {
        var round = round(RoundStatus.SOLVED, 1, at("24 09:00"), at("24 09:05"));

        assertThat(RoundView.of(round, event(1), NOW).stale()).isFalse();
        assertThat(RoundView.of(round, event(2), NOW).stale()).isTrue();
    }

    @Test
    void anEndedRoundTookFromItsStartToItsEndAndARunningOneFromItsStartUntilNow() {
        assertThat(RoundView.of(round(RoundStatus.SOLVED, 1, at("24 09:00"), at("24 09:05")), event(1), NOW)
                .elapsedMillis()).isEqualTo(300_000L);
        assertThat(RoundView.of(round(RoundStatus.SOLVING, 1, at("24 09:00"), null), event(1), NOW)
                .elapsedMillis()).isEqualTo(3_600_000L);
        assertThat(RoundView.of(round(RoundStatus.CREATED, 1, null, null), event(1), NOW).elapsedMillis()).isNull();
    }

    @Test
    void timesAreInTheEventsOwnOffsetAndTheInstanceIsNamedOnlyWhileItHoldsTheRound() {
        var solving = RoundView.of(round(RoundStatus.SOLVING, 1, at("24 09:00"), null), event(1), NOW);
        var solved = RoundView.of(round(RoundStatus.SOLVED, 1, at("24 09:00"), at("24 09:05")), event(1), NOW);

        assertThat(solving.startedAt()).isEqualTo(OffsetDateTime.parse("2025-06-24T09:00:00+02:00"));
        assertThat(solving.startedAt().getOffset()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(solving.solvingOn()).isEqualTo("instance-a");
        assertThat(solved.solvingOn()).isNull();
        assertThat(solved.score().feasible()).isTrue();
    }

    private static Events.StoredEvent event(int pinsVersion) {
        return new Events.StoredEvent(Fixture.hague().document().event(), pinsVersion, 0);
    }

    /** Times stored as UTC, as PostgreSQL hands them back. */
    private static Rounds.Round round(RoundStatus status, int pinsVersion, OffsetDateTime started,
            OffsetDateTime ended) {
        return new Rounds.Round("test", 1, status, utc(at("24 08:00")), "planner", null, pinsVersion, null,
                "instance-a", null, utc(started), utc(ended), status.ended() ? 0 : null, 0, -10, null, null, null,
                false, null, RoundKind.FULL);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
