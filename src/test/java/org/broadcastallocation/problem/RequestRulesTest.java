package org.broadcastallocation.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.broadcastallocation.common.Json;

/**
 * One request checked on its own, as a broadcaster's submission is: against its event and the organisations that
 * may ask, with no document around it, and refused for exactly what an imported document's request is refused for.
 */
class RequestRulesTest {

    private static final ObjectMapper MAPPER = Json.mapper();

    private static final String EVENT = """
            {"id": "hague-2025", "name": "NATO Summit The Hague 2025", "timeZone": "Europe/Amsterdam",
             "start": "2025-06-22T12:00:00+02:00", "end": "2025-06-26T02:00:00+02:00",
             "requestDeadline": "2025-06-06T23:59:00+02:00", "parkingAccessDays": ["2025-06-22", "2025-06-23"],
             "lateIntake": false}
            """;
    private static final List<ProblemDocument.Organisation> ORGANISATIONS = List.of(
            new ProblemDocument.Organisation("nos", "NOS", OrganisationKind.BROADCASTER, "NL"));

    @Test
    void aRequestOnItsOwnIsCheckedAgainstItsEventAndOrganisation() throws JsonProcessingException {
        var rules = new RequestRules(MAPPER.readValue(EVENT, ProblemDocument.Event.class), ORGANISATIONS);

        var late = rules.violations(request("""
                {"id": "r-9", "organisation": "nos", "type": "PARKING_SNG",
                 "window": {"from": "2025-06-24T14:00:00+02:00", "to": "2025-06-25T02:00:00+02:00"},
                 "vehicle": {"kind": "OB", "lengthMetres": 12}, "submittedAt": "2025-06-07T10:00:00+02:00"}
                """));

        assertThat(late).extracting(Violation::toString).containsExactly(
                "requests[r-9].vehicle.kind: an OB vehicle cannot park in SNG parking; ask for PARKING_OB",
                "requests[r-9].window.to: a van stays parked until the event ends (2025-06-26T02:00+02:00)",
                "requests[r-9].window.from: vans arrive only on an access day [2025-06-22, 2025-06-23], not"
                        + " 2025-06-24",
                "requests[r-9].submittedAt: submitted 2025-06-07T10:00+02:00, after the deadline"
                        + " 2025-06-06T23:59+02:00, and late intake is closed");
    }

    @Test
    void anUnlistedOrganisationAndAWindowOutsideTheEventAreRefusedAsInADocument() throws JsonProcessingException {
        var event = MAPPER.readValue(EVENT, ProblemDocument.Event.class);
        var request = request("""
                {"id": "r-7", "organisation": "bbc", "type": "EDIT_BOOTH", "crewSize": 2,
                 "window": {"from": "2025-06-21T09:00:00+02:00", "to": "2025-06-23T02:00:00+02:00"}}
                """);
        var document = new ProblemDocument(event, List.of(), ORGANISATIONS, List.of(), List.of(request), List.of(),
                List.of());

        var alone = new RequestRules(event, ORGANISATIONS).violations(request);

        assertThat(alone).extracting(Violation::toString).containsExactly(
                "requests[r-7].organisation: 'bbc' is not a listed organisation",
                "requests[r-7].window: [2025-06-21T09:00+02:00, 2025-06-23T02:00+02:00) lies outside the event"
                        + " [2025-06-22T12:00+02:00, 2025-06-26T02:00+02:00)");
        assertThat(ProblemValidator.validate(document)).isEqualTo(alone);
    }

    private static ProblemDocument.Request request(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, ProblemDocument.Request.class);
    }
}
