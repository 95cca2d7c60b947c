package org.broadcastallocation.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.Fixture.at;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;
import static org.broadcastallocation.problem.ResourceType.TV_STUDIO;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.broadcastallocation.Fixture;

class RoundTimelineTest {

    private final Rounds.SnapshotSite site = new Rounds.SnapshotSite("Europe/Amsterdam",
            Fixture.hague().zone("EDIT", 1).resource("EB-01", EDIT_BOOTH, "EDIT", 0, 0, 2)
                    .resource("EB-02", EDIT_BOOTH, "EDIT", 10, 0, 2).resource("TV-01", TV_STUDIO, "EDIT", 0, 10, 4)
                    .document().resources(),
            Map.of("r-1", "nos", "r-2", "bbc"));

    @Test
    void oneLanePerResourceOfTheSnapshotInItsOrderEachWithItsAllocationsInTheEventsOwnTime() {
        var utc = at("24 09:00").withOffsetSameInstant(java.time.ZoneOffset.UTC);
        var lanes = RoundTimeline.of(site, List.of(new Rounds.Placed("r-1", "EB-02", utc, utc.plusHours(2), true, false),
                new Rounds.Placed("r-2", "TV-01", at("25 10:00"), at("25 11:00"), false, false)), null);

        assertThat(lanes).extracting(RoundTimeline.Lane::resource).containsExactly("EB-01", "EB-02", "TV-01");
        assertThat(lanes.get(0).allocations()).isEmpty();
        var bar = lanes.get(1).allocations().get(0);
        assertThat(bar.request()).isEqualTo("r-1");
        assertThat(bar.organisation()).isEqualTo("nos");
        assertThat(bar.start()).isEqualTo(OffsetDateTime.parse("2025-06-24T09:00:00+02:00"));
        assertThat(bar.start().getOffset()).isEqualTo(at("24 09:00").getOffset());
        assertThat(bar.pinned()).isTrue();
    }

    @Test
    void aTypeKeepsOnlyItsLanesAndAnAllocationOnAResourceNotInTheSnapshotIsLeftOut() {
        var lanes = RoundTimeline.of(site, List.of(new Rounds.Placed("r-1", "EB-09", at("24 09:00"),
                at("24 10:00"), false, false), new Rounds.Placed("r-2", "TV-01", at("25 10:00"), at("25 11:00"), false, false)),
                EDIT_BOOTH);

        assertThat(lanes).extracting(RoundTimeline.Lane::resource).containsExactly("EB-01", "EB-02");
        assertThat(lanes).allSatisfy(lane -> assertThat(lane.allocations()).isEmpty());
    }
}
