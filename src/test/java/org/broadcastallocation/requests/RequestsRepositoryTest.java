package org.broadcastallocation.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.data.jdbc.DataJdbcTest;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import org.broadcastallocation.Fixture;
import org.broadcastallocation.database.EmbeddedDatabaseConfiguration;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.events.Organisations;
import org.broadcastallocation.events.Sites;
import org.broadcastallocation.problem.OrganisationKind;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.Quantity;
import org.broadcastallocation.problem.ResourceType;
import org.broadcastallocation.problem.VehicleKind;

/** The repositories and the Flyway schema on real PostgreSQL (the embedded one). */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({EmbeddedDatabaseConfiguration.class, Events.class, Sites.class, Organisations.class, Requests.class, Pins.class})
@ActiveProfiles("test")
class RequestsRepositoryTest {

    @Autowired
    Events events;
    @Autowired
    Sites sites;
    @Autowired
    Organisations organisations;
    @Autowired
    Requests requests;
    @Autowired
    Pins pins;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void event() {
        var document = Fixture.hague().zone("SNG", 0).organisation("nos", OrganisationKind.BROADCASTER)
                .resource("SNG-1", ResourceType.PARKING_SNG, "SNG", 0, 0, 12).document();
        events.insert(document.event());
        document.organisations().forEach(organisation -> organisations.insert("test", organisation));
        document.resources().forEach(resource -> sites.insertResource("test", resource));
    }

    @Test
    void theMigrationsBuildEveryTable() {
        var tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'public'")
                .query(String.class).list();

        assertThat(tables).contains("event", "zone", "organisation", "api_key", "resource", "request",
                "idempotency_key", "round", "round_allocation", "pinned_allocation", "audit_log");
    }

    @Test
    void aRequestReadsBackAsItWasWritten() {
        var request = van("r-1", 9);
        requests.insert("test", request, RequestStatus.SUBMITTED);

        var stored = requests.find("test", "r-1").orElseThrow();

        assertThat(stored.status()).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(stored.version()).isZero();
        assertThat(stored.request().vehicle())
                .isEqualTo(new ProblemDocument.Vehicle(VehicleKind.SNG, Quantity.of(9)));
        assertThat(stored.request().requiredFeatures()).containsExactly("CEE_POWER");
        assertThat(stored.request().window().from()).isEqualTo(request.window().from());
        assertThat(stored.request().submittedAt()).isEqualTo(request.submittedAt());
    }

    @Test
    void aVanOfDecimalMetresReadsBackAsWrittenWithoutTrailingZeros() {
        requests.insert("test", van("r-75", "7.50"), RequestStatus.SUBMITTED);
        requests.insert("test", van("r-16", "16.0"), RequestStatus.SUBMITTED);

        assertThat(requests.find("test", "r-75").orElseThrow().request().vehicle().lengthMetres())
                .isEqualTo(Quantity.of("7.5")).hasToString("7.5");
        assertThat(requests.find("test", "r-16").orElseThrow().request().vehicle().lengthMetres())
                .isEqualTo(Quantity.of(16)).hasToString("16");
    }

    @Test
    void theSchemaRefusesAFractionOfAPersonButNotOfAMetre() {
        sites.insertResource("test", new ProblemDocument.Resource("SNG-75", ResourceType.PARKING_SNG, "SNG", 0, 0,
                Quantity.of("7.5"), Set.of(), List.of()));
        assertThat(sites.resources("test", true)).filteredOn(resource -> resource.id().equals("SNG-75"))
                .singleElement().satisfies(resource -> assertThat(resource.capacity()).hasToString("7.5"));

        assertThatThrownBy(() -> sites.insertResource("test", new ProblemDocument.Resource("EB-25",
                ResourceType.EDIT_BOOTH, "SNG", 0, 0, Quantity.of("2.5"), Set.of(), List.of())))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("resource_people_whole");
    }

    @Test
    void aSubmittedRequestReadsBackExactlyAsItsAnswerSaidItWould() {
        var at = OffsetDateTime.parse("2025-05-01T10:00:00.123456+02:00");
        var window = van("x", 9).window();
        var shapes = List.of(
                van("s-van", 9),
                van("s-van-decimal", "7.25"),
                new ProblemDocument.Request("s-bare", "nos", ResourceType.EDIT_BOOTH, window, null, null, null, null,
                        null, null, null, null, at),
                new ProblemDocument.Request("s-kindless-vehicle", "nos", ResourceType.STANDUP_OUTDOOR, window, 30, 3,
                        new ProblemDocument.Vehicle(null, Quantity.of(7)), Set.of("LIGHTING", "CEE_POWER"), Set.of("ROOF"),
                        Fixture.at("23 10:00"), true, 1, at),
                new ProblemDocument.Request("s-priority-3", "nos", ResourceType.LIVE_AREA, window, 60, null, null,
                        Set.of(), Set.of("SEA_VIEW"), null, false, 3, at));

        var added = requests.insertSubmitted(shapes.stream()
                .map(request -> submission(request, "key-" + request.id(), "{}"))
                .toList());

        assertThat(added.added()).hasSize(shapes.size());
        for (var request : shapes) {
            var stored = requests.find("test", request.id()).orElseThrow();
            // As a broadcaster reads it: in the event's zone (PostgreSQL hands timestamps back in UTC).
            var zone = java.time.ZoneId.of("Europe/Amsterdam");
            assertThat(RequestView.of(stored, zone)).as(request.id())
                    .isEqualTo(RequestView.of(Requests.asSubmitted("test", request), zone));
        }
    }

    @Test
    void ofSubmissionsWrittenTogetherOneUnderATakenIdWritesNothingAndTheOthersEverything() {
        requests.insertSubmitted(List.of(submission(van("s-1", 9), "k-1", "{\"first\": true}")));

        var added = requests.insertSubmitted(List.of(submission(van("s-2", 10), "k-2", "{\"second\": true}"),
                submission(van("s-1", 12), "k-3", "{}"), submission(van("s-3", 11), null, "{\"third\": true}")));

        assertThat(added.added()).containsExactlyInAnyOrder(List.of("test", "s-2"), List.of("test", "s-3"));
        assertThat(added.checkedAgainstOld()).isEmpty();
        assertThat(requests.find("test", "s-1").orElseThrow().request().vehicle().lengthMetres()).isEqualTo(Quantity.of(9));
        assertThat(jdbc.sql("select key from idempotency_key order by key").query(String.class).list())
                .containsExactly("k-1", "k-2");
        assertThat(jdbc.sql("select entity_id || ' ' || after::text from audit_log where action = 'SUBMIT'"
                + " order by id").query(String.class).list())
                .containsExactly("s-1 {\"first\": true}", "s-2 {\"second\": true}", "s-3 {\"third\": true}");
    }

    @Test
    void aSubmissionCheckedAgainstAnOlderEventOrAnotherKindOfOrganisationIsNotWritten() {
        events.setLateIntake("test", true);
        var asBefore = new Requests.Submission("test", van("s-old", 9), "k-old", "{}", "key:test/nos", 0,
                OrganisationKind.BROADCASTER, ZoneOffset.UTC, false);
        var asDelegation = new Requests.Submission("test", van("s-kind", 9), "k-kind", "{}", "key:test/nos", 1,
                OrganisationKind.NATIONAL_DELEGATION, ZoneOffset.UTC, false);
        var current = new Requests.Submission("test", van("s-now", 9), "k-now", "{}", "key:test/nos", 1,
                OrganisationKind.BROADCASTER, ZoneOffset.UTC, false);

        var written = requests.insertSubmitted(List.of(asBefore, asDelegation, current));

        assertThat(written.added()).containsExactly(current.key());
        assertThat(written.checkedAgainstOld()).containsExactlyInAnyOrder(asBefore.key(), asDelegation.key());
        assertThat(requests.ofEvent("test")).extracting(StoredRequest::id).containsExactly("s-now");
        assertThat(jdbc.sql("select key from idempotency_key").query(String.class).list()).containsExactly("k-now");
    }

    @Test
    void aLateSubmissionReadBeforeTheFirstPublishIsCheckedAgainOnceARoundIsPublished() {
        events.setLateIntake("test", true);
        var june = OffsetDateTime.parse("2025-06-10T10:00:00+02:00");
        var readUnpublished = new Requests.Submission("test", late(van("s-unpublished", 9), june), "k-1", "{}",
                "key:test/nos", 1, OrganisationKind.BROADCASTER, ZoneOffset.UTC, false);
        var onTime = new Requests.Submission("test", van("s-on-time", 9), "k-2", "{}", "key:test/nos", 1,
                OrganisationKind.BROADCASTER, ZoneOffset.UTC, false);
        var readPublished = new Requests.Submission("test", late(van("s-published", 9), june), "k-3", "{}",
                "key:test/nos", 1, OrganisationKind.BROADCASTER, ZoneOffset.UTC, true);
        events.bumpPinsVersion("test");

        var written = requests.insertSubmitted(List.of(readUnpublished, onTime, readPublished));

        // Staff would not have been told of it: the writer reads the event afresh and tells them.
        assertThat(written.checkedAgainstOld()).containsExactly(readUnpublished.key());
        assertThat(written.added()).containsExactlyInAnyOrder(onTime.key(), readPublished.key());
    }

    private static ProblemDocument.Request late(ProblemDocument.Request request, OffsetDateTime submittedAt) {
        return new ProblemDocument.Request(request.id(), request.organisation(), request.type(), request.window(),
                request.durationMinutes(), request.crewSize(), request.vehicle(), request.requiredFeatures(),
                request.preferredFeatures(), request.preferredStart(), request.needsFibre(), request.priority(),
                submittedAt);
    }

    private static Requests.Submission submission(ProblemDocument.Request request, String key, String answer) {
        return new Requests.Submission("test", request, key, answer, "key:test/nos", 0, OrganisationKind.BROADCASTER,
                ZoneOffset.UTC, false);
    }

    @Test
    void anUpdateAgainstAnOldVersionChangesNothing() {
        requests.insert("test", van("r-1", 9), RequestStatus.SUBMITTED);

        assertThat(requests.update("test", van("r-1", 10), 0, RequestStatus.SUBMITTED)).isTrue();
        assertThat(requests.update("test", van("r-1", 11), 0, RequestStatus.SUBMITTED)).isFalse();
        assertThat(requests.find("test", "r-1").orElseThrow().request().vehicle().lengthMetres()).isEqualTo(Quantity.of(10));
    }

    @Test
    void theSchemaRefusesANegativeVehicle() {
        assertThatThrownBy(() -> requests.insert("test", van("r-neg", -3), RequestStatus.SUBMITTED))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("request_vehicle_length");
    }

    @Test
    void theSchemaRefusesARequestOfAnUnknownOrganisation() {
        var stranger = new ProblemDocument.Request("r-x", "ghost", ResourceType.EDIT_BOOTH,
                van("r-x", 9).window(), null, null, null, Set.of(), Set.of(), null, false, 2,
                OffsetDateTime.parse("2025-05-01T10:00:00+02:00"));
        assertThatThrownBy(() -> requests.insert("test", stranger, RequestStatus.SUBMITTED))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("request_organisation_fk");
    }

    @Test
    void aCancelledRequestGivesItsPinBack() {
        requests.insert("test", van("r-1", 9), RequestStatus.CONFIRMED);
        var start = OffsetDateTime.parse("2025-06-22T12:00:00+02:00");
        pins.pin("test", new Pins.Pin("r-1", "SNG-1", start, start.plusDays(3), 1));
        assertThat(pins.ofOrganisation("test", "nos")).hasSize(1);

        pins.release("test", "r-1");

        assertThat(pins.ofEvent("test")).isEmpty();
        assertThat(requests.withStatus("test", List.of(RequestStatus.CONFIRMED))).hasSize(1);
    }

    private static ProblemDocument.Request van(String id, int metres) {
        return van(id, String.valueOf(metres));
    }

    private static ProblemDocument.Request van(String id, String metres) {
        return new ProblemDocument.Request(id, "nos", ResourceType.PARKING_SNG,
                new ProblemDocument.Interval(Fixture.at("22 12:00"), Fixture.at("26 02:00")), null, null,
                new ProblemDocument.Vehicle(VehicleKind.SNG, Quantity.of(metres)), Set.of("CEE_POWER"), Set.of(), null, false, 2,
                OffsetDateTime.parse("2025-05-01T10:00:00+02:00"));
    }
}
