package org.broadcastallocation.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Ranks and first-come order requests by when they came in, then by id, as the spec says. */
class SubmissionOrderTest {

    @Test
    void oneInstantWrittenWithTwoOffsetsIsATieThatTheIdDecides() {
        var amsterdam = request("a", OffsetDateTime.parse("2025-05-01T10:00:00+02:00"));
        var london = request("b", OffsetDateTime.parse("2025-05-01T09:00:00+01:00"));
        var requests = new ArrayList<>(List.of(london, amsterdam));

        requests.sort(ProblemDocument.Request.BY_SUBMISSION);

        assertThat(requests).extracting(ProblemDocument.Request::id).containsExactly("a", "b");
    }

    @Test
    void anEarlierInstantComesFirstWhateverItsOffsetAndAMissingOneComesLast() {
        var early = request("z", OffsetDateTime.parse("2025-05-01T09:59:00+02:00"));
        var later = request("a", OffsetDateTime.parse("2025-05-01T08:00:00Z"));
        var missing = request("0", null);
        var requests = new ArrayList<>(List.of(missing, later, early));

        requests.sort(ProblemDocument.Request.BY_SUBMISSION);

        assertThat(requests).extracting(ProblemDocument.Request::id).containsExactly("z", "a", "0");
    }

    private static ProblemDocument.Request request(String id, OffsetDateTime submitted) {
        return new ProblemDocument.Request(id, "nos", ResourceType.EDIT_BOOTH, null, null, null, null, Set.of(),
                Set.of(), null, false, 2, submitted);
    }
}
