package org.broadcastallocation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.broadcastallocation.problem.OrganisationKind;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ProblemDocument.Interval;
import org.broadcastallocation.problem.Quantity;
import org.broadcastallocation.problem.ResourceType;
import org.broadcastallocation.problem.VehicleKind;

/**
 * Small problem documents for tests, on the Hague calendar (22 June 12:00 to 26 June 02:00, Europe/Amsterdam).
 * Times are written "24 09:00" (day of June, local time).
 */
public final class Fixture {

    private final List<ProblemDocument.Zone> zones = new ArrayList<>();
    private final List<ProblemDocument.Organisation> organisations = new ArrayList<>();
    private final List<ProblemDocument.Resource> resources = new ArrayList<>();
    private final List<Req> requests = new ArrayList<>();
    private final List<ProblemDocument.Placement> pinned = new ArrayList<>();
    private final Map<ResourceType, Integer> quota = new EnumMap<>(ResourceType.class);
    private boolean lateIntake;

    public static Fixture hague() {
        return new Fixture();
    }

    public static OffsetDateTime at(String dayTime) {
        var parts = dayTime.split(" ");
        return OffsetDateTime.parse("2025-06-%02d".formatted(Integer.parseInt(parts[0])) + "T" + parts[1]
                + ":00+02:00");
    }

    public Fixture zone(String id, int fibreLinks) {
        zones.add(new ProblemDocument.Zone(id, fibreLinks));
        return this;
    }

    public Fixture organisation(String id, OrganisationKind kind) {
        organisations.add(new ProblemDocument.Organisation(id, id.toUpperCase(), kind, "NL"));
        return this;
    }

    /** {@code capacity}: people, or whole metres for parking ({@link #bay} for decimal metres); null: unlimited. */
    public Fixture resource(String id, ResourceType type, String zone, int x, int y, Integer capacity,
            String... features) {
        resources.add(new ProblemDocument.Resource(id, type, zone, x, y, quantity(capacity), Set.of(features),
                List.of()));
        return this;
    }

    /** Parking of a capacity in decimal metres ("7.5"). */
    public Fixture bay(String id, ResourceType type, String zone, int x, int y, String metres, String... features) {
        resources.add(new ProblemDocument.Resource(id, type, zone, x, y, Quantity.of(metres), Set.of(features),
                List.of()));
        return this;
    }

    public Fixture resourceOpen(String id, ResourceType type, String zone, Integer capacity, String from, String to) {
        resources.add(new ProblemDocument.Resource(id, type, zone, 0, 0, quantity(capacity), Set.of(),
                List.of(new Interval(at(from), at(to)))));
        return this;
    }

    public Fixture quota(ResourceType type, int limit) {
        quota.put(type, limit);
        return this;
    }

    public Fixture lateIntake() {
        lateIntake = true;
        return this;
    }

    private static Quantity quantity(Integer whole) {
        return whole == null ? null : Quantity.of(whole);
    }

    public Req request(String id, String organisation, ResourceType type) {
        var request = new Req(this, id, organisation, type);
        requests.add(request);
        return request;
    }

    public Fixture pin(String request, String resource, String start) {
        pinned.add(new ProblemDocument.Placement(request, resource, at(start)));
        return this;
    }

    public ProblemDocument document() {
        var event = new ProblemDocument.Event("test", "Test summit", "Europe/Amsterdam", at("22 12:00"),
                at("26 02:00"), at("06 23:59"),
                List.of(new Interval(at("22 12:00"), at("22 18:00")), new Interval(at("23 09:00"), at("23 20:00")),
                        new Interval(at("24 07:00"), at("26 02:00"))),
                List.of(LocalDate.of(2025, 6, 22), LocalDate.of(2025, 6, 23)), lateIntake, Map.copyOf(quota), null);
        return new ProblemDocument(event, zones, organisations, resources,
                requests.stream().map(Req::build).toList(), pinned, List.of());
    }

    /** A request under construction; by default a whole-window booking submitted in May. */
    public static final class Req {
        private final Fixture fixture;
        private final String id;
        private final String organisation;
        private final ResourceType type;
        private Interval window = new Interval(at("23 09:00"), at("26 02:00"));
        private Integer duration;
        private Integer crew;
        private ProblemDocument.Vehicle vehicle;
        private final Set<String> required = new LinkedHashSet<>();
        private final Set<String> preferred = new LinkedHashSet<>();
        private OffsetDateTime preferredStart;
        private boolean fibre;
        private Integer priority;
        private OffsetDateTime submitted = OffsetDateTime.parse("2025-05-01T10:00:00+02:00");

        private Req(Fixture fixture, String id, String organisation, ResourceType type) {
            this.fixture = fixture;
            this.id = id;
            this.organisation = organisation;
            this.type = type;
        }

        public Req window(String from, String to) {
            window = new Interval(at(from), at(to));
            return this;
        }

        public Req slot(int minutes) {
            duration = minutes;
            return this;
        }

        public Req crew(int size) {
            crew = size;
            return this;
        }

        public Req vehicle(VehicleKind kind, int metres) {
            vehicle = new ProblemDocument.Vehicle(kind, Quantity.of(metres));
            return this;
        }

        /** A vehicle of decimal metres ("7.5"). */
        public Req vehicle(VehicleKind kind, String metres) {
            vehicle = new ProblemDocument.Vehicle(kind, Quantity.of(metres));
            return this;
        }

        public Req requires(String... features) {
            required.addAll(List.of(features));
            return this;
        }

        public Req prefers(String... features) {
            preferred.addAll(List.of(features));
            return this;
        }

        public Req preferredStart(String dayTime) {
            preferredStart = at(dayTime);
            return this;
        }

        public Req fibre() {
            fibre = true;
            return this;
        }

        public Req priority(int value) {
            priority = value;
            return this;
        }

        /** Submitted on the given day of May 2025, at 10:00. */
        public Req submittedMay(int day) {
            submitted = OffsetDateTime.parse("2025-05-%02dT10:00:00+02:00".formatted(day));
            return this;
        }

        public Req submittedAt(OffsetDateTime when) {
            submitted = when;
            return this;
        }

        public Fixture and() {
            return fixture;
        }

        public ProblemDocument document() {
            return fixture.document();
        }

        ProblemDocument.Request build() {
            return new ProblemDocument.Request(id, organisation, type, window, duration, crew, vehicle,
                    Set.copyOf(required), Set.copyOf(preferred), preferredStart, fibre, priority, submitted);
        }
    }
}
