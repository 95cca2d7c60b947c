package org.broadcastallocation.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.broadcastallocation.common.Json;

/**
 * The "refused at the door" rules of {@code docs/allocation-model.md} and the document's own consistency.
 * Every test starts from one small valid document (the spec's example, cut down) and breaks one thing in it.
 */
class ProblemValidatorTest {

    private static final ObjectMapper MAPPER = Json.mapper();

    /** The Hague, cut down: a booth, the TV studio, one SNG and one OB parking; a booth, a studio slot and a van. */
    private static final String VALID = """
            {
              "event": {
                "id": "hague-2025", "name": "NATO Summit The Hague 2025", "timeZone": "Europe/Amsterdam",
                "start": "2025-06-22T12:00:00+02:00", "end": "2025-06-26T02:00:00+02:00",
                "requestDeadline": "2025-06-06T23:59:00+02:00",
                "openingHours": [
                  {"from": "2025-06-22T12:00:00+02:00", "to": "2025-06-22T18:00:00+02:00"},
                  {"from": "2025-06-23T09:00:00+02:00", "to": "2025-06-23T20:00:00+02:00"},
                  {"from": "2025-06-24T07:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"}
                ],
                "parkingAccessDays": ["2025-06-22", "2025-06-23"], "lateIntake": false,
                "quota": {"EDIT_BOOTH": 2, "STANDUP_OUTDOOR": 1, "PARKING_SNG": 1, "PARKING_OB": 1},
                "weights": {"walkingPerMetre": 1, "missingPreferredFeature": 200}
              },
              "zones": [{"id": "EDIT", "fibreLinks": 8}, {"id": "SNG_COMPOUND", "fibreLinks": 0}],
              "organisations": [
                {"id": "nos", "name": "NOS", "kind": "BROADCASTER", "country": "NL"},
                {"id": "nl-delegation", "name": "Netherlands delegation", "kind": "NATIONAL_DELEGATION", "country": "NL"}
              ],
              "resources": [
                {"id": "EB-01", "type": "EDIT_BOOTH", "zone": "EDIT", "x": 550, "y": 0,
                 "capacity": 2, "features": ["FIBRE"], "availability": []},
                {"id": "TV-01", "type": "TV_STUDIO", "zone": "EDIT", "x": 700, "y": 0, "capacity": 6},
                {"id": "SNG-01", "type": "PARKING_SNG", "zone": "SNG_COMPOUND", "x": 0, "y": 0, "capacity": 10},
                {"id": "OB-01", "type": "PARKING_OB", "zone": "SNG_COMPOUND", "x": 0, "y": 170, "capacity": 20}
              ],
              "requests": [
                {"id": "r-1", "organisation": "nos", "type": "EDIT_BOOTH",
                 "window": {"from": "2025-06-23T09:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"},
                 "crewSize": 2, "needsFibre": true, "priority": 2, "submittedAt": "2025-05-20T10:00:00+02:00"},
                {"id": "r-2", "organisation": "nl-delegation", "type": "TV_STUDIO",
                 "window": {"from": "2025-06-24T09:00:00+02:00", "to": "2025-06-24T12:00:00+02:00"},
                 "durationMinutes": 30, "crewSize": 4, "preferredStart": "2025-06-24T10:00:00+02:00",
                 "priority": 1, "submittedAt": "2025-05-21T10:00:00+02:00"},
                {"id": "r-3", "organisation": "nos", "type": "PARKING_SNG",
                 "window": {"from": "2025-06-22T14:00:00+02:00", "to": "2025-06-26T02:00:00+02:00"},
                 "vehicle": {"kind": "SNG", "lengthMetres": 8}, "submittedAt": "2025-05-22T10:00:00+02:00"}
              ],
              "pinned": [{"request": "r-3", "resource": "SNG-01", "start": "2025-06-22T14:00:00+02:00"}],
              "previousAllocations": [{"request": "r-1", "resource": "EB-01", "start": "2025-06-23T09:00:00+02:00"}]
            }
            """;

    private ObjectNode document;

    @BeforeEach
    void readValidDocument() throws JsonProcessingException {
        document = (ObjectNode) MAPPER.readTree(VALID);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    private List<Violation> violations() {
        try {
            return ProblemValidator.validate(MAPPER.treeToValue(document, ProblemDocument.class));
        } catch (JsonProcessingException e) {
            throw new AssertionError("the test document does not map: " + e.getMessage(), e);
        }
    }

    private ObjectNode event() {
        return (ObjectNode) document.get("event");
    }

    private ObjectNode request(String id) {
        return item("requests", id);
    }

    private ObjectNode resource(String id) {
        return item("resources", id);
    }

    private ObjectNode item(String list, String id) {
        for (JsonNode node : document.get(list)) {
            if (node.get("id").asText().equals(id)) {
                return (ObjectNode) node;
            }
        }
        throw new IllegalArgumentException("no " + list + " " + id + " in the test document");
    }

    private ArrayNode list(String name) {
        return (ArrayNode) document.get(name);
    }

    private ObjectNode window(String requestId) {
        return (ObjectNode) request(requestId).get("window");
    }

    /** The one violation of the document: on this item and field, with these words in its message. */
    private void assertOnlyViolation(String item, String field, String... words) {
        var violations = violations();
        assertThat(violations).as("violations of the document").hasSize(1);
        assertViolation(violations.get(0), item, field, words);
    }

    /** Among the violations, one on this item and field with these words. */
    private static void assertHasViolation(List<Violation> violations, String item, String field, String... words) {
        assertThat(violations).as("violations of the document").anySatisfy(v -> assertViolation(v, item, field, words));
    }

    private static void assertViolation(Violation violation, String item, String field, String... words) {
        assertThat(violation.item()).as("item of %s", violation).isEqualTo(item);
        assertThat(violation.field()).as("field of %s", violation).isEqualTo(field);
        assertThat(violation.message()).as("message of %s", violation).contains(words);
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void theBaseDocumentIsValid() {
        assertThat(violations()).isEmpty();
        assertThat(ProblemValidator.warnings(MAPPER.convertValue(document, ProblemDocument.class))).isEmpty();
    }

    @Nested
    @DisplayName("Window: inside the event, on the 15-minute grain, long enough for the duration")
    class Window {

        @Test
        void windowStartingBeforeTheEventIsRefused() {
            window("r-1").put("from", "2025-06-22T10:00:00+02:00");
            assertOnlyViolation("requests[r-1]", "window", "outside the event");
        }

        @Test
        void windowEndingAfterTheEventIsRefused() {
            window("r-2").put("to", "2025-06-26T03:00:00+02:00");
            assertOnlyViolation("requests[r-2]", "window", "outside the event");
        }

        @Test
        void windowWithinTheEventInAnotherOffsetIsAccepted() {
            // 07:00Z is 09:00 in Amsterdam: the same instant as the base document.
            window("r-1").put("from", "2025-06-23T07:00:00Z");
            assertThat(violations()).isEmpty();
        }

        @Test
        void windowStartOffTheGrainIsRefused() {
            window("r-1").put("from", "2025-06-23T09:10:00+02:00");
            assertOnlyViolation("requests[r-1]", "window.from", "15-minute grain");
        }

        @Test
        void windowEndOffTheGrainIsRefused() {
            window("r-2").put("to", "2025-06-24T11:59:00+02:00");
            assertOnlyViolation("requests[r-2]", "window.to", "15-minute grain");
        }

        @Test
        void windowEndingBeforeItStartsIsRefused() {
            window("r-2").put("from", "2025-06-24T12:00:00+02:00").put("to", "2025-06-24T09:00:00+02:00");
            assertOnlyViolation("requests[r-2]", "window", "before it starts");
        }

        @Test
        void durationLongerThanTheWindowIsRefused() {
            request("r-2").put("durationMinutes", 240);
            assertOnlyViolation("requests[r-2]", "durationMinutes", "240", "do not fit", "180 minutes");
        }

        @Test
        void durationAsLongAsTheWindowIsAccepted() {
            request("r-2").put("durationMinutes", 180);
            assertThat(violations()).isEmpty();
        }

        @ParameterizedTest(name = "durationMinutes {0}")
        @ValueSource(ints = {40, 0, -15})
        void durationThatIsNotAPositiveMultipleOf15IsRefused(int minutes) {
            request("r-2").put("durationMinutes", minutes);
            assertOnlyViolation("requests[r-2]", "durationMinutes", minutes + " is not a positive multiple of 15");
        }
    }

    @Nested
    @DisplayName("Parking: in from an access day, out at the event end; no OB van on SNG parking")
    class Parking {

        @Test
        void parkingFromADayThatIsNotAnAccessDayIsRefused() {
            window("r-3").put("from", "2025-06-24T07:00:00+02:00");
            pinnedStart("2025-06-24T07:00:00+02:00");
            assertOnlyViolation("requests[r-3]", "window.from", "access day", "2025-06-24");
        }

        @Test
        void parkingMayStartAtAnyTimeOfAnAccessDay() {
            window("r-3").put("from", "2025-06-23T23:45:00+02:00");
            pinnedStart("2025-06-23T23:45:00+02:00");
            assertThat(violations()).isEmpty();
        }

        @Test
        void accessDayIsReadInTheEventsTimeZone() {
            // 22:30Z on 23 June is 00:30 on 24 June in Amsterdam: not an access day, although the UTC date is one.
            window("r-3").put("from", "2025-06-23T22:30:00Z");
            pinnedStart("2025-06-23T22:30:00Z");
            assertOnlyViolation("requests[r-3]", "window.from", "access day", "2025-06-24");
        }

        @Test
        void accessDayInTheEventsTimeZoneIsAcceptedWhateverTheOffsetWritten() {
            // 22:15Z on 22 June is 00:15 on 23 June in Amsterdam: an access day.
            window("r-3").put("from", "2025-06-22T22:15:00Z");
            pinnedStart("2025-06-22T22:15:00Z");
            assertThat(violations()).isEmpty();
        }

        @Test
        void parkingThatLeavesBeforeTheEventEndIsRefused() {
            window("r-3").put("to", "2025-06-25T18:00:00+02:00");
            assertOnlyViolation("requests[r-3]", "window.to", "until the event ends");
        }

        @Test
        void parkingAskedAsASlotIsRefused() {
            request("r-3").put("durationMinutes", 60);
            assertOnlyViolation("requests[r-3]", "durationMinutes", "whole window");
        }

        @Test
        void obVehicleOnSngParkingIsRefused() {
            ((ObjectNode) request("r-3").get("vehicle")).put("kind", "OB");
            assertOnlyViolation("requests[r-3]", "vehicle.kind", "OB", "PARKING_OB");
        }

        @Test
        void obVehicleOnObParkingIsAccepted() {
            request("r-3").put("type", "PARKING_OB");
            ((ObjectNode) request("r-3").get("vehicle")).put("kind", "OB");
            pinnedResource("OB-01");
            assertThat(violations()).isEmpty();
        }

        private void pinnedStart(String start) {
            ((ObjectNode) list("pinned").get(0)).put("start", start);
        }

        private void pinnedResource(String resource) {
            ((ObjectNode) list("pinned").get(0)).put("resource", resource);
        }
    }

    @Nested
    @DisplayName("Eligibility: TV studio only for national delegations and the host broadcaster")
    class Eligibility {

        @Test
        void tvStudioRequestByABroadcasterIsRefused() {
            request("r-2").put("organisation", "nos");
            assertOnlyViolation("requests[r-2]", "type", "TV studio", "national delegations", "host broadcaster",
                    "'nos'", "BROADCASTER");
        }

        @Test
        void tvStudioRequestByTheHostBroadcasterIsAccepted() {
            list("organisations").addObject().put("id", "nos-host").put("name", "NOS host").put("kind",
                    "HOST_BROADCASTER");
            request("r-2").put("organisation", "nos-host");
            assertThat(violations()).isEmpty();
        }

        @Test
        void onlineStudioRequestByARadioIsAccepted() {
            list("organisations").addObject().put("id", "bbc-radio").put("kind", "RADIO");
            list("resources").addObject().put("id", "ON-01").put("type", "ONLINE_STUDIO").put("zone", "EDIT")
                    .put("x", 600).put("y", 0);
            request("r-2").put("organisation", "bbc-radio").put("type", "ONLINE_STUDIO");
            assertThat(violations()).isEmpty();
        }
    }

    @Nested
    @DisplayName("Deadline: late requests refused unless late intake is open")
    class Deadline {

        @Test
        void submissionAfterTheDeadlineIsRefusedWhileLateIntakeIsClosed() {
            request("r-1").put("submittedAt", "2025-06-07T10:00:00+02:00");
            assertOnlyViolation("requests[r-1]", "submittedAt", "after the deadline", "late intake is closed");
        }

        @Test
        void submissionAfterTheDeadlineIsRefusedWhenLateIntakeIsNotSaid() {
            event().remove("lateIntake");
            request("r-1").put("submittedAt", "2025-06-07T10:00:00+02:00");
            assertOnlyViolation("requests[r-1]", "submittedAt", "after the deadline");
        }

        @Test
        void submissionAfterTheDeadlineIsAcceptedWhenLateIntakeIsOpen() {
            event().put("lateIntake", true);
            request("r-1").put("submittedAt", "2025-06-07T10:00:00+02:00");
            assertThat(violations()).isEmpty();
        }

        @Test
        void submissionRightAtTheDeadlineIsInTime() {
            request("r-1").put("submittedAt", "2025-06-06T23:59:00+02:00");
            assertThat(violations()).isEmpty();
        }
    }

    @Nested
    @DisplayName("References: organisations, types, ids, pins")
    class References {

        @Test
        void requestFromAnUnknownOrganisationIsRefused() {
            request("r-1").put("organisation", "cnn");
            assertOnlyViolation("requests[r-1]", "organisation", "'cnn'", "not a listed organisation");
        }

        @Test
        void unknownResourceTypeInJsonIsRejectedByJacksonWithAClearMessage() {
            String json = VALID.replace("\"type\": \"EDIT_BOOTH\", \"zone\"", "\"type\": \"HELIPAD\", \"zone\"");
            assertThat(json).isNotEqualTo(VALID);
            assertThatThrownBy(() -> MAPPER.readValue(json, ProblemDocument.class))
                    .isInstanceOf(JsonProcessingException.class)
                    .isInstanceOf(InvalidFormatException.class)
                    .hasMessageContaining("HELIPAD")
                    .hasMessageContaining("ResourceType")
                    .hasMessageContaining("EDIT_BOOTH")
                    .hasMessageContaining("resources");
        }

        @Test
        void unknownRequestTypeInJsonIsRejectedByJacksonWithAClearMessage() {
            String json = VALID.replace("\"organisation\": \"nos\", \"type\": \"EDIT_BOOTH\"",
                    "\"organisation\": \"nos\", \"type\": \"BOOTH\"");
            assertThat(json).isNotEqualTo(VALID);
            assertThatThrownBy(() -> MAPPER.readValue(json, ProblemDocument.class))
                    .isInstanceOf(InvalidFormatException.class)
                    .hasMessageContaining("BOOTH")
                    .hasMessageContaining("requests");
        }

        @Test
        void missingResourceTypeIsRefusedByTheValidator() {
            resource("EB-01").remove("type");
            assertHasViolation(violations(), "resources[EB-01]", "type", "missing or unknown", "EDIT_BOOTH");
        }

        @Test
        void missingRequestTypeIsRefusedByTheValidator() {
            request("r-1").remove("type");
            assertOnlyViolation("requests[r-1]", "type", "missing or unknown", "EDIT_BOOTH");
        }

        @Test
        void duplicateRequestIdIsRefused() {
            var copy = request("r-1").deepCopy();
            list("requests").add(copy);
            assertOnlyViolation("requests[r-1]", "id", "'r-1'", "more than once");
        }

        @Test
        void duplicateResourceIdIsRefused() {
            var copy = resource("EB-01").deepCopy();
            list("resources").add(copy);
            assertOnlyViolation("resources[EB-01]", "id", "'EB-01'", "more than once");
        }

        @Test
        void pinOfAnUnknownRequestIsRefused() {
            ((ObjectNode) list("pinned").get(0)).put("request", "r-99");
            assertOnlyViolation("pinned[0]", "request", "'r-99'", "not a request");
        }

        @Test
        void pinOnAnUnknownResourceIsRefused() {
            ((ObjectNode) list("pinned").get(0)).put("resource", "SNG-99");
            assertOnlyViolation("pinned[0]", "resource", "'SNG-99'", "not a resource");
        }

        @Test
        void previousAllocationOfAnUnknownRequestIsRefused() {
            ((ObjectNode) list("previousAllocations").get(0)).put("request", "r-99");
            assertOnlyViolation("previousAllocations[0]", "request", "'r-99'", "not a request");
        }
    }

    @Nested
    @DisplayName("Sizes: no crew, vehicle or capacity that no real event has")
    class Sizes {

        @ParameterizedTest(name = "crewSize {0}")
        @ValueSource(ints = {0, 500})
        void absurdCrewSizeIsRefused(int crew) {
            request("r-1").put("crewSize", crew);
            assertOnlyViolation("requests[r-1]", "crewSize", crew + " is out of range", "1 to 100");
        }

        @ParameterizedTest(name = "lengthMetres {0}")
        @ValueSource(ints = {0, 100})
        void absurdVehicleLengthIsRefused(int length) {
            ((ObjectNode) request("r-3").get("vehicle")).put("lengthMetres", length);
            assertOnlyViolation("requests[r-3]", "vehicle.lengthMetres", length + " is out of range", "1 to 40");
        }

        @ParameterizedTest(name = "capacity {0}")
        @ValueSource(ints = {-1, 0})
        void negativeOrZeroCapacityIsRefused(int capacity) {
            resource("EB-01").put("capacity", capacity);
            assertOnlyViolation("resources[EB-01]", "capacity", capacity + " is out of range");
        }

        @Test
        void largestPlausibleSizesAreAccepted() {
            request("r-1").put("crewSize", 100);
            resource("EB-01").put("capacity", 100);
            ((ObjectNode) request("r-3").get("vehicle")).put("lengthMetres", 10);
            assertThat(violations()).isEmpty();
        }

        @Test
        void negativeFibreLinksAreRefused() {
            ((ObjectNode) list("zones").get(0)).put("fibreLinks", -1);
            assertOnlyViolation("zones[EDIT]", "fibreLinks", "-1 is out of range");
        }
    }

    @Nested
    @DisplayName("Metres: vehicle lengths and parking capacities to the centimetre; people are whole")
    class Metres {

        private ObjectNode vehicle() {
            return (ObjectNode) request("r-3").get("vehicle");
        }

        @Test
        void decimalLengthsAndParkingCapacitiesAreAccepted() {
            vehicle().put("lengthMetres", new BigDecimal("7.5"));
            resource("SNG-01").put("capacity", new BigDecimal("7.50"));
            resource("OB-01").put("capacity", new BigDecimal("16.0"));
            resource("EB-01").put("capacity", new BigDecimal("2.0"));
            assertThat(violations()).isEmpty();
        }

        @ParameterizedTest(name = "lengthMetres {0}")
        @ValueSource(strings = {"7.255", "7.001", "7.2500001"})
        void aLengthFinerThanACentimetreIsRefusedNotRounded(String length) {
            vehicle().put("lengthMetres", new BigDecimal(length));
            assertOnlyViolation("requests[r-3]", "vehicle.lengthMetres", length + " m", "centimetre",
                    "two decimals");
        }

        @Test
        void aParkingCapacityFinerThanACentimetreIsRefused() {
            resource("SNG-01").put("capacity", new BigDecimal("10.125"));
            assertOnlyViolation("resources[SNG-01]", "capacity", "10.125 m", "centimetre");
        }

        @Test
        void aRoomCapacityIsAWholeNumberOfPeople() {
            resource("EB-01").put("capacity", new BigDecimal("2.5"));
            assertOnlyViolation("resources[EB-01]", "capacity", "2.5", "whole number of people");
        }

        @Test
        void aLengthOutOfRangeIsRefusedAsOutOfRangeWhateverItsDecimals() {
            vehicle().put("lengthMetres", new BigDecimal("40.01"));
            assertOnlyViolation("requests[r-3]", "vehicle.lengthMetres", "40.01 is out of range", "1 to 40");
            vehicle().put("lengthMetres", new BigDecimal("1E+999999999"));
            assertOnlyViolation("requests[r-3]", "vehicle.lengthMetres", "is out of range");
        }

        @Test
        void aFractionalCrewIsStillRefusedWhenTheDocumentIsRead() {
            request("r-1").put("crewSize", new BigDecimal("1.5"));
            assertThatThrownBy(() -> MAPPER.treeToValue(document, ProblemDocument.class))
                    .isInstanceOf(JsonProcessingException.class)
                    .satisfies(e -> assertThat(Json.describe((JsonProcessingException) e)).contains("crewSize"));
        }
    }

    @Nested
    @DisplayName("Ids: what an address carries unchanged, at the doors; a stored document with others still solves")
    class Ids {

        @ParameterizedTest(name = "request id ''{0}''")
        @ValueSource(strings = {"a b", "x/y", "a;b", "100%", "back\\slash", ".r", "-r", "ré"})
        void anIdNoAddressCanCarryIsNamedForImportButSolves(String id) throws JsonProcessingException {
            request("r-2").put("id", id);
            var parsed = MAPPER.treeToValue(document, ProblemDocument.class);

            assertThat(violations()).isEmpty();
            assertThat(ProblemValidator.unaddressableIds(parsed)).singleElement().satisfies(violation ->
                    assertViolation(violation, "requests[" + id + "]", "id", "letters, digits and . _ ~ -"));
            assertThat(ProblemValidator.warnings(parsed)).singleElement().asString().contains("refuses it on import");
        }

        @Test
        void everyKindOfItemIsNamed() throws JsonProcessingException {
            event().put("id", "hague 2025");
            ((ObjectNode) list("zones").get(1)).put("id", "SNG COMPOUND");
            ((ObjectNode) list("organisations").get(0)).put("id", "nos/nl");
            request("r-1").put("organisation", "nos/nl");
            request("r-3").put("organisation", "nos/nl");
            resource("TV-01").put("id", "TV:01");

            var items = ProblemValidator.unaddressableIds(MAPPER.treeToValue(document, ProblemDocument.class))
                    .stream().map(Violation::item).toList();

            assertThat(items).containsExactly("event", "zones[SNG COMPOUND]", "organisations[nos/nl]",
                    "resources[TV:01]");
        }

        @Test
        void lettersDigitsDotsDashesUnderscoresAndTildesAreFine() throws JsonProcessingException {
            request("r-2").put("id", "NOS.r-2_studio~2");
            assertThat(ProblemValidator.unaddressableIds(MAPPER.treeToValue(document, ProblemDocument.class)))
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("Every bad request is listed; nothing stops at the first")
    class Collects {

        @Test
        void severalBadRequestsAreEachListed() {
            window("r-1").put("from", "2025-06-23T09:10:00+02:00");
            request("r-2").put("organisation", "nos");
            ((ObjectNode) request("r-3").get("vehicle")).put("kind", "OB");
            var violations = violations();
            assertHasViolation(violations, "requests[r-1]", "window.from", "15-minute grain");
            assertHasViolation(violations, "requests[r-2]", "type", "TV studio");
            assertHasViolation(violations, "requests[r-3]", "vehicle.kind", "OB");
            assertThat(violations).hasSize(3);
        }

        @Test
        void severalProblemsOfOneRequestAreEachListed() {
            request("r-1").put("organisation", "cnn").put("crewSize", 0)
                    .put("submittedAt", "2025-06-10T10:00:00+02:00");
            var violations = violations();
            assertHasViolation(violations, "requests[r-1]", "organisation", "'cnn'");
            assertHasViolation(violations, "requests[r-1]", "crewSize", "out of range");
            assertHasViolation(violations, "requests[r-1]", "submittedAt", "after the deadline");
            assertThat(violations).hasSize(3);
        }

        @Test
        void requireValidThrowsWithEveryViolationListed() {
            request("r-1").put("organisation", "cnn");
            request("r-2").put("durationMinutes", 40);
            var document = MAPPER.convertValue(ProblemValidatorTest.this.document, ProblemDocument.class);
            assertThatThrownBy(() -> ProblemValidator.requireValid(document))
                    .isInstanceOfSatisfying(InvalidProblemException.class, e -> {
                        assertThat(e.violations()).hasSize(2);
                        assertThat(e.getMessage()).contains("2 problem(s)", "requests[r-1].organisation",
                                "requests[r-2].durationMinutes");
                    });
        }
    }
}
