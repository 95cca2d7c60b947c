package org.broadcastallocation.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.Fixture.at;

import java.util.List;

import org.junit.jupiter.api.Test;

class RoundDiffTest {

    @Test
    void countsWhatMovedWhatIsNewlyServedAndWhatIsNoLongerServedAndListsOnlyThose() {
        var before = List.of(placed("r-same", "EB-01", "24 09:00"), placed("r-moved", "EB-01", "24 12:00"),
                placed("r-dropped", "EB-02", "24 09:00"));
        var after = List.of(placed("r-same", "EB-01", "24 09:00"), placed("r-moved", "EB-02", "24 12:00"),
                placed("r-new", "EB-03", "25 10:00"));

        var diff = RoundDiff.between(3, before, 4, after);

        assertThat(diff.round()).isEqualTo(3);
        assertThat(diff.other()).isEqualTo(4);
        assertThat(diff.moved()).isEqualTo(1);
        assertThat(diff.newlyServed()).isEqualTo(1);
        assertThat(diff.newlyUnserved()).isEqualTo(1);
        assertThat(diff.changes()).extracting(RoundDiff.Change::request)
                .containsExactly("r-dropped", "r-moved", "r-new");
        assertThat(diff.changes().get(0).after()).isNull();
        assertThat(diff.changes().get(2).before()).isNull();
    }

    @Test
    void theSameInstantWrittenInAnotherOffsetIsNoMove() {
        var before = List.of(placed("r-1", "EB-01", "24 09:00"));
        var after = List.of(new Rounds.Placed("r-1", "EB-01", at("24 09:00").withOffsetSameInstant(
                java.time.ZoneOffset.UTC), at("24 10:00"), false, false));

        assertThat(RoundDiff.between(1, before, 2, after).changes()).isEmpty();
    }

    private static Rounds.Placed placed(String request, String resource, String start) {
        return new Rounds.Placed(request, resource, at(start), at(start).plusHours(1), false, false);
    }
}
