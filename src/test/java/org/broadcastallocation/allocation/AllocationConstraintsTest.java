package org.broadcastallocation.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.OrganisationKind.HOST_BROADCASTER;
import static org.broadcastallocation.problem.OrganisationKind.NATIONAL_DELEGATION;
import static org.broadcastallocation.problem.OrganisationKind.NEWS_AGENCY;
import static org.broadcastallocation.problem.OrganisationKind.RADIO;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;
import static org.broadcastallocation.problem.ResourceType.ONLINE_STUDIO;
import static org.broadcastallocation.problem.ResourceType.PARKING_OB;
import static org.broadcastallocation.problem.ResourceType.PARKING_SNG;
import static org.broadcastallocation.problem.ResourceType.STANDUP_INDOOR;
import static org.broadcastallocation.problem.ResourceType.STANDUP_OUTDOOR;
import static org.broadcastallocation.problem.ResourceType.TV_STUDIO;
import static org.broadcastallocation.problem.VehicleKind.OB;
import static org.broadcastallocation.problem.VehicleKind.SNG;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import ai.timefold.solver.test.api.score.stream.ConstraintVerifier;

import org.broadcastallocation.problem.OrganisationKind;
import org.broadcastallocation.problem.Quantity;
import org.broadcastallocation.problem.ResourceType;
import org.broadcastallocation.problem.VehicleKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One group per rule of {@code docs/allocation-model.md}. Times are minutes from the event start; the test
 * event runs from minute 0 to minute {@value #EVENT_END}. Each group has at least one case that is penalised by an
 * exact amount and one that is not penalised.
 */
class AllocationConstraintsTest {

    private static final int EVENT_END = 3 * 24 * 60;
    private static final FibreZone EDIT_ZONE = new FibreZone("EDIT", 2);
    private static final FibreZone STANDUP_ZONE = new FibreZone("STANDUP", 1);
    private static final FibreZone DARK_ZONE = new FibreZone("SNG_COMPOUND", 0);

    private final ConstraintVerifier<AllocationConstraints, AllocationPlan> verifier =
            ConstraintVerifier.build(new AllocationConstraints(), AllocationPlan.class, Booking.class);

    // ---------------------------------------------------------------------------------------------------------------
    // Factories

    /** A resource open the whole event, in the EDIT zone at (0, 0), without capacity limit or features. */
    private static ResourceBuilder resource(String id, ResourceType type) {
        return new ResourceBuilder(id, type);
    }

    /** A request of organisation "nos" (a BROADCASTER) for an EDIT_BOOTH over minutes [0, 600), priority 2, rank 1. */
    private static RequestBuilder request(String id) {
        return new RequestBuilder(id);
    }

    private static final class ResourceBuilder {
        private final String id;
        private final ResourceType type;
        private FibreZone zone = EDIT_ZONE;
        private int x;
        private int y;
        private Integer capacity;
        private Set<String> features = Set.of();
        private List<MinuteInterval> availability = List.of(new MinuteInterval(0, EVENT_END));

        ResourceBuilder(String id, ResourceType type) {
            this.id = id;
            this.type = type;
        }

        ResourceBuilder zone(FibreZone zone) {
            this.zone = zone;
            return this;
        }

        ResourceBuilder at(int x, int y) {
            this.x = x;
            this.y = y;
            return this;
        }

        /** People, or whole metres for parking (the model holds centimetres). */
        ResourceBuilder capacity(Integer capacity) {
            this.capacity = capacity == null || !type.isParking() ? capacity : Integer.valueOf(capacity * 100);
            return this;
        }

        /** Parking of decimal metres ("7.5"). */
        ResourceBuilder metres(String metres) {
            this.capacity = Centimetres.of(Quantity.of(metres));
            return this;
        }

        ResourceBuilder features(String... features) {
            this.features = Set.of(features);
            return this;
        }

        /** Pairs of minutes: from1, to1, from2, to2, ... */
        ResourceBuilder open(int... bounds) {
            var intervals = new ArrayList<MinuteInterval>();
            for (int i = 0; i < bounds.length; i += 2) {
                intervals.add(new MinuteInterval(bounds[i], bounds[i + 1]));
            }
            this.availability = intervals;
            return this;
        }

        PlanResource build() {
            return new PlanResource(id, type, zone, x, y, capacity, features, availability);
        }
    }

    private static final class RequestBuilder {
        private final String id;
        private String organisation = "nos";
        private OrganisationKind kind = BROADCASTER;
        private ResourceType type = EDIT_BOOTH;
        private int windowStart = 0;
        private int windowEnd = 600;
        private Integer duration;
        private Integer crewSize;
        private VehicleKind vehicleKind;
        private Integer vehicleCentimetres;
        private Set<String> required = Set.of();
        private Set<String> preferred = Set.of();
        private Integer preferredStart;
        private boolean needsFibre;
        private int priority = 2;
        private int rank = 1;
        private int weight = 60;
        private Integer quota;
        private Site site;
        private Placement pinned;
        private Placement previous;

        RequestBuilder(String id) {
            this.id = id;
        }

        RequestBuilder by(String organisation, OrganisationKind kind) {
            this.organisation = organisation;
            this.kind = kind;
            return this;
        }

        RequestBuilder by(String organisation) {
            this.organisation = organisation;
            return this;
        }

        RequestBuilder type(ResourceType type) {
            this.type = type;
            return this;
        }

        RequestBuilder window(int from, int to) {
            this.windowStart = from;
            this.windowEnd = to;
            return this;
        }

        /** A slot of this many minutes inside the window (shorter than the window). */
        RequestBuilder slot(int minutes) {
            this.duration = minutes;
            return this;
        }

        RequestBuilder crew(Integer crewSize) {
            this.crewSize = crewSize;
            return this;
        }

        RequestBuilder vehicle(VehicleKind kind, Integer lengthMetres) {
            return vehicle(kind, lengthMetres == null ? null : String.valueOf(lengthMetres));
        }

        /** A vehicle of decimal metres ("7.5"). */
        RequestBuilder vehicle(VehicleKind kind, String lengthMetres) {
            this.vehicleKind = kind;
            this.vehicleCentimetres = lengthMetres == null ? null : Centimetres.of(Quantity.of(lengthMetres));
            return this;
        }

        RequestBuilder requires(String... features) {
            this.required = Set.of(features);
            return this;
        }

        RequestBuilder prefers(String... features) {
            this.preferred = Set.of(features);
            return this;
        }

        RequestBuilder preferredStart(int minute) {
            this.preferredStart = minute;
            return this;
        }

        RequestBuilder fibre() {
            this.needsFibre = true;
            return this;
        }

        RequestBuilder weight(int weight) {
            this.weight = weight;
            return this;
        }

        RequestBuilder quota(Integer quota) {
            this.quota = quota;
            return this;
        }

        RequestBuilder site(Site site) {
            this.site = site;
            return this;
        }

        RequestBuilder pinnedAt(PlanResource resource, int start) {
            this.pinned = new Placement(resource, start, start + duration());
            return this;
        }

        RequestBuilder previouslyAt(PlanResource resource, int start) {
            this.previous = new Placement(resource, start, start + duration());
            return this;
        }

        private int duration() {
            return duration == null ? windowEnd - windowStart : duration;
        }

        Demand demand() {
            int length = duration();
            boolean slot = length < windowEnd - windowStart;
            return new Demand(id, organisation, kind, type, windowStart, windowEnd, length, slot, crewSize,
                    vehicleKind, vehicleCentimetres, required, preferred, preferredStart, needsFibre, priority, rank,
                    weight, quota, site);
        }

        /** Placed on the resource from the window start. */
        Booking on(PlanResource resource) {
            return at(resource, windowStart);
        }

        /** Placed on the resource at this minute; the placement is its only candidate (a value in range). */
        Booking at(PlanResource resource, int start) {
            var placement = new Placement(resource, start, start + duration());
            var booking = new Booking(demand(), List.of(placement), pinned, previous);
            booking.place(placement);
            return booking;
        }

        Booking unassigned() {
            var booking = new Booking(demand(), List.of(), pinned, previous);
            booking.place(null);
            return booking;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Hard rules

    @Nested
    @DisplayName("Type: a request gets a resource of its own type")
    class Type {

        @Test
        void bookingOnAResourceOfAnotherTypeIsPenalisedOnce() {
            var standup = resource("SU-1", STANDUP_INDOOR).build();
            verifier.verifyThat(AllocationConstraints::type)
                    .given(request("r-1").type(EDIT_BOOTH).on(standup))
                    .penalizesBy(1);
        }

        @Test
        void bookingOnAResourceOfItsOwnTypeIsNotPenalised() {
            var booth = resource("EB-1", EDIT_BOOTH).build();
            verifier.verifyThat(AllocationConstraints::type)
                    .given(request("r-1").type(EDIT_BOOTH).on(booth))
                    .penalizesBy(0);
        }

        @Test
        void unassignedRequestIsNotAWrongType() {
            verifier.verifyThat(AllocationConstraints::type)
                    .given(request("r-1").unassigned())
                    .penalizesBy(0);
        }
    }

    @Nested
    @DisplayName("No double booking: two allocations on one resource never overlap")
    class NoDoubleBooking {

        private final PlanResource booth = resource("EB-1", EDIT_BOOTH).build();
        private final PlanResource otherBooth = resource("EB-2", EDIT_BOOTH).build();

        @Test
        void overlappingBookingsOnOneResourceArePenalisedPerPair() {
            verifier.verifyThat(AllocationConstraints::noDoubleBooking)
                    .given(request("r-1").window(0, 120).on(booth),
                            request("r-2").window(60, 180).on(booth),
                            request("r-3").window(90, 100).on(booth))
                    .penalizesBy(3);
        }

        @Test
        void overlapIsJustifiedWithTheSharedInterval() {
            verifier.verifyThat(AllocationConstraints::noDoubleBooking)
                    .given(request("r-1").window(0, 120).on(booth),
                            request("r-2").window(60, 180).on(booth))
                    .justifiesWith(new Justification.DoubleBooked("EB-1", "r-1", "r-2", 60, 120))
                    .penalizesBy(1);
        }

        @Test
        void backToBackBookingsOnOneResourceDoNotOverlap() {
            verifier.verifyThat(AllocationConstraints::noDoubleBooking)
                    .given(request("r-1").window(0, 120).on(booth),
                            request("r-2").window(120, 240).on(booth))
                    .penalizesBy(0);
        }

        @Test
        void overlappingBookingsOnDifferentResourcesAreFine() {
            verifier.verifyThat(AllocationConstraints::noDoubleBooking)
                    .given(request("r-1").window(0, 120).on(booth),
                            request("r-2").window(0, 120).on(otherBooth))
                    .penalizesBy(0);
        }

        @Test
        void unassignedRequestDoesNotDoubleBook() {
            verifier.verifyThat(AllocationConstraints::noDoubleBooking)
                    .given(request("r-1").window(0, 120).on(booth),
                            request("r-2").window(0, 120).unassigned())
                    .penalizesBy(0);
        }
    }

    @Nested
    @DisplayName("Capacity: crew vs room, vehicle length vs parking, OB only in OB parking")
    class Capacity {

        @Test
        void crewLargerThanTheRoomIsPenalised() {
            var booth = resource("EB-1", EDIT_BOOTH).capacity(2).build();
            verifier.verifyThat(AllocationConstraints::capacity)
                    .given(request("r-1").crew(3).on(booth))
                    .penalizesBy(1);
        }

        @Test
        void crewEqualToTheRoomFits() {
            var booth = resource("EB-1", EDIT_BOOTH).capacity(2).build();
            verifier.verifyThat(AllocationConstraints::capacity)
                    .given(request("r-1").crew(2).on(booth))
                    .penalizesBy(0);
        }

        @Test
        void vehicleLongerThanTheParkingIsPenalised() {
            var bay = resource("SNG-1", PARKING_SNG).capacity(10).build();
            verifier.verifyThat(AllocationConstraints::capacity)
                    .given(request("r-1").type(PARKING_SNG).vehicle(SNG, 12).on(bay))
                    .penalizesBy(1);
        }

        @Test
        void vehicleAsLongAsTheParkingFits() {
            var bay = resource("SNG-1", PARKING_SNG).capacity(10).build();
            verifier.verifyThat(AllocationConstraints::capacity)
                    .given(request("r-1").type(PARKING_SNG).vehicle(SNG, 10).on(bay))
                    .penalizesBy(0);
        }

        @Test
        void aVanOfDecimalMetresAsLongAsTheBayFitsToTheCentimetre() {
            var bay = resource("SNG-1", PARKING_SNG).metres("7.5").build();
            verifier.verifyThat(AllocationConstraints::capacity)
                    .given(request("r-1").type(PARKING_SNG).vehicle(SNG, "7.50").on(bay))
                    .penalizesBy(0);
        }

        @Test
        void aVanOneCentimetreLongerThanTheBayIsPenalisedAndSaysSoInMetres() {
            var bay = resource("SNG-1", PARKING_SNG).metres("7.5").build();
            verifier.verifyThat(AllocationConstraints::capacity)
                    .given(request("r-1").type(PARKING_SNG).vehicle(SNG, "7.51").on(bay))
                    .penalizesBy(1);
            verifier.verifyThat(AllocationConstraints::capacity)
                    .given(request("r-1").type(PARKING_SNG).vehicle(SNG, "7.51").on(bay))
                    .justifiesWithExactly(new Justification.OverCapacity("r-1", "SNG-1", "an SNG vehicle of 7.51 m",
                            "7.5 m"));
            verifier.verifyThat(AllocationConstraints::capacity)
                    .given(request("r-2").type(PARKING_SNG).vehicle(SNG, "7.6").on(bay))
                    .penalizesBy(1);
        }

        @Test
        void obVehicleInSngParkingIsPenalisedEvenWhenItIsShortEnough() {
            var bay = resource("SNG-1", PARKING_SNG).capacity(20).build();
            verifier.verifyThat(AllocationConstraints::capacity)
                    .given(request("r-1").type(PARKING_SNG).vehicle(OB, 15).on(bay))
                    .penalizesBy(1);
        }

        @Test
        void obVehicleInObParkingAndSngVehicleInObParkingFit() {
            var obBay = resource("OB-1", PARKING_OB).capacity(20).build();
            var obBay2 = resource("OB-2", PARKING_OB).capacity(20).build();
            verifier.verifyThat(AllocationConstraints::capacity)
                    .given(request("r-1").type(PARKING_OB).vehicle(OB, 18).on(obBay),
                            request("r-2").type(PARKING_OB).vehicle(SNG, 8).on(obBay2))
                    .penalizesBy(0);
        }

        @Test
        void crewSizeDoesNotLimitParking() {
            var bay = resource("SNG-1", PARKING_SNG).capacity(10).build();
            verifier.verifyThat(AllocationConstraints::capacity)
                    .given(request("r-1").type(PARKING_SNG).crew(50).vehicle(SNG, 8).on(bay))
                    .penalizesBy(0);
        }

        @Test
        void requestWithoutCrewOrVehicleIsNotLimited() {
            var booth = resource("EB-1", EDIT_BOOTH).capacity(1).build();
            var bay = resource("SNG-1", PARKING_SNG).capacity(1).build();
            verifier.verifyThat(AllocationConstraints::capacity)
                    .given(request("r-1").crew(null).on(booth),
                            request("r-2").type(PARKING_SNG).on(bay))
                    .penalizesBy(0);
        }

        @Test
        void resourceWithoutCapacityIsNotLimited() {
            var booth = resource("EB-1", EDIT_BOOTH).capacity(null).build();
            verifier.verifyThat(AllocationConstraints::capacity)
                    .given(request("r-1").crew(40).on(booth))
                    .penalizesBy(0);
        }
    }

    @Nested
    @DisplayName("Availability: starts and ends inside the resource's availability")
    class Availability {

        // Open 600-1080 (day 1, 10:00-18:00) and 1980-2520 (day 2, 09:00-18:00); closed in between.
        private final PlanResource booth = resource("EB-1", EDIT_BOOTH).open(600, 1080, 1980, 2520).build();

        @Test
        void bookingInsideOneIntervalIsFine() {
            verifier.verifyThat(AllocationConstraints::availability)
                    .given(request("r-1").window(600, 720).on(booth))
                    .penalizesBy(0);
        }

        @Test
        void bookingMayEndExactlyAtTheIntervalEnd() {
            verifier.verifyThat(AllocationConstraints::availability)
                    .given(request("r-1").window(960, 1080).on(booth))
                    .penalizesBy(0);
        }

        @Test
        void longBookingAcrossTheClosedHoursBetweenIntervalsIsFine() {
            verifier.verifyThat(AllocationConstraints::availability)
                    .given(request("r-1").window(600, 2520).on(booth))
                    .penalizesBy(0);
        }

        @Test
        void bookingStartingInAClosedGapIsPenalised() {
            verifier.verifyThat(AllocationConstraints::availability)
                    .given(request("r-1").window(1200, 2100).on(booth))
                    .penalizesBy(1);
        }

        @Test
        void bookingEndingInAClosedGapIsPenalised() {
            verifier.verifyThat(AllocationConstraints::availability)
                    .given(request("r-1").window(960, 1200).on(booth))
                    .penalizesBy(1);
        }

        @Test
        void bookingStartingAtTheIntervalEndIsPenalised() {
            verifier.verifyThat(AllocationConstraints::availability)
                    .given(request("r-1").window(1080, 1140).on(booth))
                    .penalizesBy(1);
        }

        @Test
        void bookingBeforeTheFirstOrAfterTheLastIntervalIsPenalisedOncePerBooking() {
            verifier.verifyThat(AllocationConstraints::availability)
                    .given(request("r-1").window(0, 600).on(booth),
                            request("r-2").window(2520, 2580).on(booth))
                    .penalizesBy(2);
        }

        @Test
        void touchingIntervalsCountAsOne() {
            // 600-1080 and 1080-1500 touch: a booking 1000-1100 ends inside the second and starts inside the first,
            // and a booking that ends on the seam or starts on it is inside as well.
            var touching = resource("EB-2", EDIT_BOOTH).open(1080, 1500, 600, 1080).build();
            verifier.verifyThat(AllocationConstraints::availability)
                    .given(request("r-1").window(1000, 1100).on(touching),
                            request("r-2").window(960, 1080).on(touching),
                            request("r-3").window(1080, 1500).on(touching),
                            request("r-4").window(600, 1500).on(touching))
                    .penalizesBy(0);
        }
    }

    @Nested
    @DisplayName("Required features: every required feature is on the resource")
    class RequiredFeatures {

        private final PlanResource position = resource("SO-1", STANDUP_OUTDOOR).features("CANOPY", "FIBRE").build();

        @Test
        void eachMissingRequiredFeatureIsPenalised() {
            verifier.verifyThat(AllocationConstraints::requiredFeatures)
                    .given(request("r-1").type(STANDUP_OUTDOOR).requires("VENUE_VIEW", "CANOPY", "CEE_POWER")
                            .on(position))
                    .penalizesBy(2);
        }

        @Test
        void allRequiredFeaturesPresentIsFine() {
            verifier.verifyThat(AllocationConstraints::requiredFeatures)
                    .given(request("r-1").type(STANDUP_OUTDOOR).requires("CANOPY", "FIBRE").on(position),
                            request("r-2").type(STANDUP_OUTDOOR).window(600, 700).on(position))
                    .penalizesBy(0);
        }
    }

    @Nested
    @DisplayName("Eligibility: TV studio only for delegations and the host; online studio open to all")
    class Eligibility {

        private final PlanResource studio = resource("TV-1", TV_STUDIO).build();
        private final PlanResource online = resource("ON-1", ONLINE_STUDIO).build();

        @Test
        void broadcasterInTheTvStudioIsPenalised() {
            verifier.verifyThat(AllocationConstraints::eligibility)
                    .given(request("r-1").type(TV_STUDIO).by("nos", BROADCASTER).on(studio))
                    .penalizesBy(1);
        }

        @Test
        void newsAgencyAndRadioInTheTvStudioArePenalisedEach() {
            verifier.verifyThat(AllocationConstraints::eligibility)
                    .given(request("r-1").type(TV_STUDIO).by("afp", NEWS_AGENCY).window(0, 60).on(studio),
                            request("r-2").type(TV_STUDIO).by("bbc-radio", RADIO).window(60, 120).on(studio))
                    .penalizesBy(2);
        }

        @Test
        void delegationAndHostBroadcasterMayUseTheTvStudio() {
            verifier.verifyThat(AllocationConstraints::eligibility)
                    .given(request("r-1").type(TV_STUDIO).by("nl-delegation", NATIONAL_DELEGATION).window(0, 60)
                                    .on(studio),
                            request("r-2").type(TV_STUDIO).by("host", HOST_BROADCASTER).window(60, 120).on(studio))
                    .penalizesBy(0);
        }

        @Test
        void onlineStudioIsOpenToEveryKind() {
            var given = new ArrayList<Booking>();
            int start = 0;
            for (OrganisationKind kind : OrganisationKind.values()) {
                given.add(request("r-" + kind).type(ONLINE_STUDIO).by(kind.name(), kind).window(start, start + 60)
                        .on(online));
                start += 60;
            }
            verifier.verifyThat(AllocationConstraints::eligibility)
                    .given(given.toArray())
                    .penalizesBy(0);
        }
    }

    @Nested
    @DisplayName("Fibre: at no moment does a zone use more fibre links than it has")
    class Fibre {

        private final PlanResource booth1 = resource("EB-1", EDIT_BOOTH).zone(EDIT_ZONE).build();
        private final PlanResource booth2 = resource("EB-2", EDIT_BOOTH).zone(EDIT_ZONE).build();
        private final PlanResource booth3 = resource("EB-3", EDIT_BOOTH).zone(EDIT_ZONE).build();
        private final PlanResource booth4 = resource("EB-4", EDIT_BOOTH).zone(EDIT_ZONE).build();
        private final PlanResource standup1 = resource("SU-1", STANDUP_INDOOR).zone(STANDUP_ZONE).build();
        private final PlanResource standup2 = resource("SU-2", STANDUP_INDOOR).zone(STANDUP_ZONE).build();

        @Test
        void threeSimultaneousFibreBookingsInATwoLinkZoneArePenalisedByOne() {
            verifier.verifyThat(AllocationConstraints::fibre)
                    .given(request("r-1").fibre().window(0, 600).on(booth1),
                            request("r-2").fibre().window(100, 400).on(booth2),
                            request("r-3").fibre().window(200, 300).on(booth3))
                    .penalizesBy(1);
        }

        @Test
        void theExcessIsChargedAtEachBookingsStart() {
            // Counted at each start (the spec leaves the exact hard count free): all four start together in a
            // two-link zone, so each sees four running, two too many: 4 x 2.
            verifier.verifyThat(AllocationConstraints::fibre)
                    .given(request("r-1").fibre().window(0, 600).on(booth1),
                            request("r-2").fibre().window(0, 600).on(booth2),
                            request("r-3").fibre().window(0, 600).on(booth3),
                            request("r-4").fibre().window(0, 600).on(booth4))
                    .penalizesBy(8);
        }

        @Test
        void staggeredStartsAreChargedOnlyWhereTheyExceed() {
            // Starts at 0, 100, 200 in a two-link zone: only the third start finds three running.
            verifier.verifyThat(AllocationConstraints::fibre)
                    .given(request("r-1").fibre().window(0, 600).on(booth1),
                            request("r-2").fibre().window(100, 600).on(booth2),
                            request("r-3").fibre().window(200, 600).on(booth3))
                    .penalizesBy(1);
        }

        @Test
        void zonesAreCountedSeparately() {
            // EDIT has 2 links and 2 bookings; STANDUP has 1 link and 2 bookings: only STANDUP is over, by 1 at
            // each of its two (simultaneous) starts.
            verifier.verifyThat(AllocationConstraints::fibre)
                    .given(request("r-1").fibre().on(booth1),
                            request("r-2").fibre().on(booth2),
                            request("r-3").type(STANDUP_INDOOR).fibre().on(standup1),
                            request("r-4").type(STANDUP_INDOOR).fibre().on(standup2))
                    .penalizesBy(2);
        }

        @Test
        void bookingsThatNeverMeetDoNotAddUp() {
            // Three bookings in a two-link zone, but at most two at any moment: 0-300 and 200-500 meet, 400-600
            // meets only the second.
            verifier.verifyThat(AllocationConstraints::fibre)
                    .given(request("r-1").fibre().window(0, 300).on(booth1),
                            request("r-2").fibre().window(200, 500).on(booth2),
                            request("r-3").fibre().window(400, 600).on(booth3))
                    .penalizesBy(0);
        }

        @Test
        void backToBackFibreBookingsDoNotOverlap() {
            verifier.verifyThat(AllocationConstraints::fibre)
                    .given(request("r-1").type(STANDUP_INDOOR).fibre().window(0, 120).on(standup1),
                            request("r-2").type(STANDUP_INDOOR).fibre().window(120, 240).on(standup2))
                    .penalizesBy(0);
        }

        @Test
        void bookingsWithoutFibreDoNotUseLinks() {
            verifier.verifyThat(AllocationConstraints::fibre)
                    .given(request("r-1").type(STANDUP_INDOOR).fibre().on(standup1),
                            request("r-2").type(STANDUP_INDOOR).on(standup2))
                    .penalizesBy(0);
        }

        @Test
        void overbookingIsJustifiedWithTheZoneAndPeak() {
            verifier.verifyThat(AllocationConstraints::fibre)
                    .given(request("r-1").type(STANDUP_INDOOR).fibre().window(0, 120).on(standup1),
                            request("r-2").type(STANDUP_INDOOR).fibre().window(60, 180).on(standup2))
                    .justifiesWithExactly(new Justification.FibreOverbooked("STANDUP", 1, 2, 60, "r-2"))
                    .penalizesBy(1);
        }

        @Test
        void zoneWithoutLinksServesNoFibreBooking() {
            var van = resource("SNG-1", PARKING_SNG).zone(DARK_ZONE).build();
            verifier.verifyThat(AllocationConstraints::fibre)
                    .given(request("r-1").type(PARKING_SNG).fibre().on(van))
                    .penalizesBy(1);
        }
    }

    @Nested
    @DisplayName("Quota: an organisation holds at most quota[type] allocations of a type at any moment")
    class Quota {

        private final PlanResource booth1 = resource("EB-1", EDIT_BOOTH).build();
        private final PlanResource booth2 = resource("EB-2", EDIT_BOOTH).build();
        private final PlanResource booth3 = resource("EB-3", EDIT_BOOTH).build();

        @Test
        void organisationOverItsQuotaIsPenalisedByTheExcessAtEachHoldingsStart() {
            // At r-2's start nos holds 2 (1 too many), at r-3's start 3 (2 too many).
            verifier.verifyThat(AllocationConstraints::quota)
                    .given(request("r-1").quota(1).window(0, 600).on(booth1),
                            request("r-2").quota(1).window(300, 900).on(booth2),
                            request("r-3").quota(1).window(500, 700).on(booth3))
                    .penalizesBy(3);
        }

        @Test
        void organisationAtItsQuotaIsFine() {
            verifier.verifyThat(AllocationConstraints::quota)
                    .given(request("r-1").quota(2).on(booth1),
                            request("r-2").quota(2).on(booth2))
                    .penalizesBy(0);
        }

        @Test
        void bookingsAtDifferentTimesDoNotCountTogether() {
            verifier.verifyThat(AllocationConstraints::quota)
                    .given(request("r-1").quota(1).window(0, 300).on(booth1),
                            request("r-2").quota(1).window(300, 600).on(booth2),
                            request("r-3").quota(1).window(900, 1000).on(booth3))
                    .penalizesBy(0);
        }

        @Test
        void anotherOrganisationDoesNotCount() {
            verifier.verifyThat(AllocationConstraints::quota)
                    .given(request("r-1").by("nos").quota(1).on(booth1),
                            request("r-2").by("cnn").quota(1).on(booth2))
                    .penalizesBy(0);
        }

        @Test
        void anotherTypeDoesNotCount() {
            var standup = resource("SO-1", STANDUP_OUTDOOR).build();
            verifier.verifyThat(AllocationConstraints::quota)
                    .given(request("r-1").quota(1).on(booth1),
                            request("r-2").type(STANDUP_OUTDOOR).quota(1).on(standup))
                    .penalizesBy(0);
        }

        @Test
        void typeWithoutQuotaIsUnlimited() {
            verifier.verifyThat(AllocationConstraints::quota)
                    .given(request("r-1").quota(null).on(booth1),
                            request("r-2").quota(null).on(booth2),
                            request("r-3").quota(null).on(booth3))
                    .penalizesBy(0);
        }

        @Test
        void quotaOfZeroRefusesEveryAllocationOfTheType() {
            verifier.verifyThat(AllocationConstraints::quota)
                    .given(request("r-1").quota(0).on(booth1))
                    .penalizesBy(1);
        }

        @Test
        void excessIsJustifiedWithTheOrganisationTypeAndRequests() {
            verifier.verifyThat(AllocationConstraints::quota)
                    .given(request("r-1").quota(1).window(0, 600).on(booth1),
                            request("r-2").quota(1).window(300, 900).on(booth2))
                    .justifiesWithExactly(new Justification.QuotaExceeded("nos", EDIT_BOOTH, 1, 2, 300, "r-2"))
                    .penalizesBy(1);
        }

        @Test
        void hostBroadcasterIsHeldToTheQuotaToo() {
            verifier.verifyThat(AllocationConstraints::quota)
                    .given(request("r-1").by("host", HOST_BROADCASTER).quota(1).window(0, 600).on(booth1),
                            request("r-2").by("host", HOST_BROADCASTER).quota(1).window(100, 600).on(booth2))
                    .penalizesBy(1);
        }
    }

    @Nested
    @DisplayName("Pinned stays: a published allocation keeps its resource and start")
    class PinnedStays {

        private final PlanResource booth1 = resource("EB-1", EDIT_BOOTH).build();
        private final PlanResource booth2 = resource("EB-2", EDIT_BOOTH).build();

        @Test
        void pinnedBookingOnItsPinIsFine() {
            verifier.verifyThat(AllocationConstraints::pinnedStays)
                    .given(request("r-1").window(0, 600).slot(60).pinnedAt(booth1, 120).at(booth1, 120))
                    .penalizesBy(0);
        }

        @Test
        void pinnedBookingOnAnotherResourceIsPenalised() {
            verifier.verifyThat(AllocationConstraints::pinnedStays)
                    .given(request("r-1").pinnedAt(booth1, 0).on(booth2))
                    .penalizesBy(1);
        }

        @Test
        void pinnedBookingAtAnotherStartIsPenalised() {
            verifier.verifyThat(AllocationConstraints::pinnedStays)
                    .given(request("r-1").window(0, 600).slot(60).pinnedAt(booth1, 120).at(booth1, 180))
                    .penalizesBy(1);
        }

        @Test
        void pinnedBookingLeftUnassignedIsPenalised() {
            verifier.verifyThat(AllocationConstraints::pinnedStays)
                    .given(request("r-1").pinnedAt(booth1, 0).unassigned())
                    .penalizesBy(1);
        }

        @Test
        void unpinnedBookingsMayGoAnywhere() {
            verifier.verifyThat(AllocationConstraints::pinnedStays)
                    .given(request("r-1").on(booth2), request("r-2").unassigned())
                    .penalizesBy(0);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Medium

    @Nested
    @DisplayName("Serve requests: every unassigned request costs its weight (medium)")
    class ServeRequests {

        private final PlanResource booth = resource("EB-1", EDIT_BOOTH).build();

        @Test
        void unassignedRequestsArePenalisedByTheirWeights() {
            verifier.verifyThat(AllocationConstraints::serveRequests)
                    .given(request("r-1").weight(60).unassigned(),
                            request("r-2").weight(30).unassigned(),
                            request("r-3").weight(120).on(booth))
                    .penalizesBy(90);
        }

        @Test
        void assignedRequestsAreNotPenalised() {
            verifier.verifyThat(AllocationConstraints::serveRequests)
                    .given(request("r-1").weight(60).on(booth))
                    .penalizesBy(0);
        }

        @Test
        void unservedWeightLandsOnTheMediumLevelOnly() {
            verifier.verifyThat()
                    .given(request("r-1").weight(40).unassigned())
                    .scores(HardMediumSoftScore.ofMedium(-40));
        }

        @Test
        void defaultWeightIsPriorityWeightDividedByRankRoundedDown() {
            var weights = EventWeights.DEFAULTS;
            assertThat(weights.unservedWeight(1, 1)).isEqualTo(120);
            assertThat(weights.unservedWeight(2, 1)).isEqualTo(60);
            assertThat(weights.unservedWeight(3, 1)).isEqualTo(20);
            assertThat(weights.unservedWeight(2, 7)).isEqualTo(8);
            assertThat(weights.unservedWeight(3, 3)).isEqualTo(6);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Soft

    @Nested
    @DisplayName("Walking: van to the same organisation's positions, in metres beyond the site's shortest walk")
    class Walking {

        // SNG parking at x=0 and x=300; booths at x=550 and (1000, 100). The site's shortest SNG-to-booth walk is
        // 300 -> 550 = 250 m, so a van at SNG-1 walking to EB-1 costs 550 - 250 = 300.
        private final PlanResource sng1 = resource("SNG-1", PARKING_SNG).at(0, 0).build();
        private final PlanResource sng2 = resource("SNG-2", PARKING_SNG).at(300, 0).build();
        private final PlanResource booth1 = resource("EB-1", EDIT_BOOTH).at(550, 0).build();
        private final PlanResource booth2 = resource("EB-2", EDIT_BOOTH).at(1000, 100).build();
        private final PlanResource standup = resource("SU-1", STANDUP_INDOOR).at(0, 450).build();
        private final Site site = new Site(List.of(sng1, sng2, booth1, booth2, standup));

        private RequestBuilder van(String id) {
            return request(id).type(PARKING_SNG).vehicle(SNG, 8).window(0, EVENT_END).site(site);
        }

        @Test
        void siteBaselineIsTheShortestWalkBetweenTheTypes() {
            assertThat(site.shortestWalk(PARKING_SNG, EDIT_BOOTH)).isEqualTo(250);
            assertThat(site.shortestWalk(PARKING_SNG, STANDUP_INDOOR)).isEqualTo(450);
        }

        @Test
        void walkBeyondTheShortestIsPenalisedInMetres() {
            verifier.verifyThat(AllocationConstraints::walking)
                    .given(van("van").on(sng1), request("booth").window(600, 1200).on(booth1))
                    .penalizesBy(300);
        }

        @Test
        void eachOverlappingPositionOfTheOrganisationCounts() {
            // SNG-1 -> EB-1: 550 - 250 = 300; SNG-1 -> EB-2: 1100 - 250 = 850; SNG-1 -> SU-1: 450 - 450 = 0.
            verifier.verifyThat(AllocationConstraints::walking)
                    .given(van("van").on(sng1),
                            request("booth-1").window(600, 1200).on(booth1),
                            request("booth-2").window(600, 1200).on(booth2),
                            request("standup").type(STANDUP_INDOOR).window(600, 1200).on(standup))
                    .penalizesBy(1150);
        }

        @Test
        void walkIsJustifiedWithBothRequestsAndResources() {
            verifier.verifyThat(AllocationConstraints::walking)
                    .given(van("van").on(sng1), request("booth").window(600, 1200).on(booth1))
                    .justifiesWithExactly(new Justification.Walk("van", "booth", "SNG-1", "EB-1", 300))
                    .penalizesBy(300);
        }

        @Test
        void defaultWeightIsOnePerMetre() {
            var van = van("van").on(sng1);
            var booth = request("booth").window(600, 1200).on(booth1);
            var plan = new AllocationPlan(timeline(), List.of(sng1, sng2, booth1, booth2, standup),
                    List.of(van, booth), EventWeights.DEFAULTS.asConstraintWeights());
            verifier.verifyThat().givenSolution(plan).scores(HardMediumSoftScore.ofSoft(-300));
        }

        @Test
        void vanAtTheBestPlaceCostsNothing() {
            verifier.verifyThat(AllocationConstraints::walking)
                    .given(van("van").on(sng2), request("booth").window(600, 1200).on(booth1))
                    .penalizesBy(0);
        }

        @Test
        void anotherOrganisationsPositionsDoNotCount() {
            verifier.verifyThat(AllocationConstraints::walking)
                    .given(van("van").by("nos").on(sng1),
                            request("booth").by("cnn").window(600, 1200).on(booth2))
                    .penalizesBy(0);
        }

        @Test
        void positionsAtAnotherTimeDoNotCount() {
            var earlyVan = van("van").window(0, 600).on(sng1);
            verifier.verifyThat(AllocationConstraints::walking)
                    .given(earlyVan, request("booth").window(600, 1200).on(booth2))
                    .penalizesBy(0);
        }

        @Test
        void anotherVanDoesNotCountAsAPosition() {
            verifier.verifyThat(AllocationConstraints::walking)
                    .given(van("van-1").on(sng1), van("van-2").on(sng2))
                    .penalizesBy(0);
        }

        @Test
        void unassignedPositionDoesNotCount() {
            verifier.verifyThat(AllocationConstraints::walking)
                    .given(van("van").on(sng1), request("booth").window(600, 1200).unassigned())
                    .penalizesBy(0);
        }
    }

    @Nested
    @DisplayName("Preferences: each preferred feature missing from the resource")
    class Preferences {

        private final PlanResource position = resource("SO-1", STANDUP_OUTDOOR).features("CANOPY").build();

        @Test
        void eachMissingPreferredFeatureIsPenalised() {
            verifier.verifyThat(AllocationConstraints::preferences)
                    .given(request("r-1").type(STANDUP_OUTDOOR).prefers("VENUE_VIEW", "CANOPY", "CEE_POWER")
                            .on(position))
                    .penalizesBy(2);
        }

        @Test
        void allPreferredFeaturesPresentOrNonePreferredIsFine() {
            verifier.verifyThat(AllocationConstraints::preferences)
                    .given(request("r-1").type(STANDUP_OUTDOOR).prefers("CANOPY").window(0, 60).on(position),
                            request("r-2").type(STANDUP_OUTDOOR).window(60, 120).on(position))
                    .penalizesBy(0);
        }

        @Test
        void defaultWeightIs200PerMissingFeature() {
            var plan = new AllocationPlan(timeline(), List.of(position),
                    List.of(request("r-1").type(STANDUP_OUTDOOR).prefers("VENUE_VIEW", "CEE_POWER").on(position)),
                    EventWeights.DEFAULTS.asConstraintWeights());
            verifier.verifyThat().givenSolution(plan).scores(HardMediumSoftScore.ofSoft(-400));
        }
    }

    @Nested
    @DisplayName("Timing: minutes between a slot's start and its preferred start")
    class Timing {

        private final PlanResource studio = resource("ON-1", ONLINE_STUDIO).build();

        @Test
        void slotAfterThePreferredStartIsPenalisedPerMinute() {
            verifier.verifyThat(AllocationConstraints::timing)
                    .given(request("r-1").type(ONLINE_STUDIO).window(0, 600).slot(60).preferredStart(120)
                            .at(studio, 180))
                    .penalizesBy(60);
        }

        @Test
        void slotBeforeThePreferredStartIsPenalisedPerMinute() {
            verifier.verifyThat(AllocationConstraints::timing)
                    .given(request("r-1").type(ONLINE_STUDIO).window(0, 600).slot(60).preferredStart(120)
                            .at(studio, 75))
                    .penalizesBy(45);
        }

        @Test
        void slotOnThePreferredStartIsFine() {
            verifier.verifyThat(AllocationConstraints::timing)
                    .given(request("r-1").type(ONLINE_STUDIO).window(0, 600).slot(60).preferredStart(120)
                            .at(studio, 120))
                    .penalizesBy(0);
        }

        @Test
        void slotWithoutPreferredStartIsFine() {
            verifier.verifyThat(AllocationConstraints::timing)
                    .given(request("r-1").type(ONLINE_STUDIO).window(0, 600).slot(60).at(studio, 300))
                    .penalizesBy(0);
        }

        @Test
        void wholeWindowBookingIsNotPenalisedEvenWithAPreferredStart() {
            verifier.verifyThat(AllocationConstraints::timing)
                    .given(request("r-1").type(ONLINE_STUDIO).window(0, 600).preferredStart(120).on(studio))
                    .penalizesBy(0);
        }
    }

    @Nested
    @DisplayName("Stability: an allocation moved from where the previous round put it")
    class Stability {

        private final PlanResource booth1 = resource("EB-1", EDIT_BOOTH).build();
        private final PlanResource booth2 = resource("EB-2", EDIT_BOOTH).build();

        @Test
        void movedToAnotherResourceIsPenalisedOnce() {
            verifier.verifyThat(AllocationConstraints::stability)
                    .given(request("r-1").previouslyAt(booth1, 0).on(booth2))
                    .penalizesBy(1);
        }

        @Test
        void movedToAnotherStartIsPenalisedOnce() {
            verifier.verifyThat(AllocationConstraints::stability)
                    .given(request("r-1").window(0, 600).slot(60).previouslyAt(booth1, 60).at(booth1, 120))
                    .penalizesBy(1);
        }

        @Test
        void movedResourceAndStartIsStillOneMove() {
            verifier.verifyThat(AllocationConstraints::stability)
                    .given(request("r-1").window(0, 600).slot(60).previouslyAt(booth1, 60).at(booth2, 120),
                            request("r-2").previouslyAt(booth2, 0).on(booth1))
                    .penalizesBy(2);
        }

        @Test
        void samePlaceAsBeforeIsFine() {
            verifier.verifyThat(AllocationConstraints::stability)
                    .given(request("r-1").window(0, 600).slot(60).previouslyAt(booth1, 60).at(booth1, 60))
                    .penalizesBy(0);
        }

        @Test
        void unassignedNowIsNotAMove() {
            verifier.verifyThat(AllocationConstraints::stability)
                    .given(request("r-1").previouslyAt(booth1, 0).unassigned())
                    .penalizesBy(0);
        }

        @Test
        void notPlacedByThePreviousRoundIsNotAMove() {
            verifier.verifyThat(AllocationConstraints::stability)
                    .given(request("r-1").on(booth2))
                    .penalizesBy(0);
        }

        @Test
        void defaultWeightIs1000PerMove() {
            var plan = new AllocationPlan(timeline(), List.of(booth1, booth2),
                    List.of(request("r-1").previouslyAt(booth1, 0).on(booth2)),
                    EventWeights.DEFAULTS.asConstraintWeights());
            verifier.verifyThat().givenSolution(plan).scores(HardMediumSoftScore.ofSoft(-1000));
        }
    }

    private static Timeline timeline() {
        return new Timeline(OffsetDateTime.parse("2025-06-22T12:00:00+02:00"), ZoneId.of("Europe/Amsterdam"));
    }
}
