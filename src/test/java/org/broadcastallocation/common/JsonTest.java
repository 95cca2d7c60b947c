package org.broadcastallocation.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

import org.broadcastallocation.problem.ProblemDocument;

/** What a person reading a parser error is told: where, which field, what, and no Java. */
class JsonTest {

    private static final String REQUEST = """
            {"id": "r-1", "type": "EDIT_BOOTH", "crewSize": %s,
             "window": {"from": "%s", "to": "2025-06-26T02:00:00+02:00"}}""";

    @Test
    void aFractionalCrewIsRefusedNotRounded() {
        var error = catchThrowableOfType(JsonProcessingException.class, () -> Json.mapper()
                .readValue(REQUEST.formatted("1.5", "2025-06-23T09:00:00+02:00"), ProblemDocument.Request.class));

        assertThat(Json.describe(error)).contains("crewSize", "expects a whole number", "not 1.5")
                .doesNotContain("java.", "Exception", "coercion");
    }

    @Test
    void aTimestampWithoutOffsetIsDescribedWithoutJavaNames() {
        var error = catchThrowableOfType(JsonProcessingException.class, () -> Json.mapper()
                .readValue(REQUEST.formatted("2", "2025-06-23T09:00:00"), ProblemDocument.Request.class));

        assertThat(Json.describe(error)).contains("window.from", "2025-06-23T09:00:00")
                .doesNotContain("java.", "Exception", "OffsetDateTime");
    }

    @Test
    void aSecondValueAfterTheFirstIsRefusedNotIgnored() {
        String request = REQUEST.formatted("2", "2025-06-23T09:00:00+02:00");
        var error = catchThrowableOfType(JsonProcessingException.class, () -> Json.mapper()
                .readValue(request + request, ProblemDocument.Request.class));

        assertThat(Json.describe(error)).contains("line 2", "more JSON after the end of the value")
                .doesNotContain("java.", "Exception", "DeserializationFeature");
    }
}
