package org.broadcastallocation.problem;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The problem document of {@code docs/allocation-model.md}: what is imported and what {@code solve} reads.
 * Field names are the contract. Nullable fields are optional in the document; {@link ProblemValidator} says which
 * ones must be there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDocument(
        Event event,
        List<Zone> zones,
        List<Organisation> organisations,
        List<Resource> resources,
        List<Request> requests,
        List<Placement> pinned,
        List<Placement> previousAllocations) {

    public ProblemDocument {
        zones = zones == null ? List.of() : zones;
        organisations = organisations == null ? List.of() : organisations;
        resources = resources == null ? List.of() : resources;
        requests = requests == null ? List.of() : requests;
        pinned = pinned == null ? List.of() : pinned;
        previousAllocations = previousAllocations == null ? List.of() : previousAllocations;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(
            String id,
            String name,
            String timeZone,
            OffsetDateTime start,
            OffsetDateTime end,
            OffsetDateTime requestDeadline,
            List<Interval> openingHours,
            List<LocalDate> parkingAccessDays,
            Boolean lateIntake,
            Map<ResourceType, Integer> quota,
            Weights weights) {

        public boolean lateIntakeOpen() {
            return Boolean.TRUE.equals(lateIntake);
        }
    }

    /** Overrides of the default weights; a missing field keeps the default. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Weights(
            Map<Integer, Integer> priorityWeight,
            Integer walkingPerMetre,
            Integer missingPreferredFeature,
            Integer timingPerMinute,
            Integer stabilityPerMove) {
    }

    public record Zone(String id, Integer fibreLinks) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Organisation(String id, String name, OrganisationKind kind, String country) {
    }

    /** {@code capacity}: people for rooms and positions (whole), metres of vehicle length for parking (to the cm). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resource(
            String id,
            ResourceType type,
            String zone,
            Integer x,
            Integer y,
            Quantity capacity,
            Set<String> features,
            List<Interval> availability) {

        /**
         * Whether a rule reads the other the same: type, zone, capacity, features, availability (as instants). Its
         * position only moves walking, a soft cost.
         */
        public boolean sameForTheRules(Resource other) {
            if (type != other.type || !Objects.equals(zone, other.zone) || !Objects.equals(capacity, other.capacity)
                    || !orEmpty(features).equals(orEmpty(other.features))) {
                return false;
            }
            var mine = availability == null ? List.<Interval>of() : availability;
            var theirs = other.availability == null ? List.<Interval>of() : other.availability;
            if (mine.size() != theirs.size()) {
                return false;
            }
            for (int i = 0; i < mine.size(); i++) {
                if (!mine.get(i).from().isEqual(theirs.get(i).from()) || !mine.get(i).to().isEqual(theirs.get(i).to())) {
                    return false;
                }
            }
            return true;
        }

        private static Set<String> orEmpty(Set<String> names) {
            return names == null ? Set.of() : names;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(
            String id,
            String organisation,
            ResourceType type,
            Interval window,
            Integer durationMinutes,
            Integer crewSize,
            Vehicle vehicle,
            Set<String> requiredFeatures,
            Set<String> preferredFeatures,
            OffsetDateTime preferredStart,
            Boolean needsFibre,
            Integer priority,
            OffsetDateTime submittedAt) {

        /**
         * The order requests came in: by {@code submittedAt} as an instant (missing: last), then id. Ranks and
         * first-come use it. Not OffsetDateTime's natural order, which tells one instant written with two offsets
         * apart by local time, so that the spec's "then id" would never decide between them.
         */
        public static final Comparator<Request> BY_SUBMISSION = Comparator
                .comparing(Request::submittedAt, Comparator.nullsLast(OffsetDateTime.timeLineOrder()))
                .thenComparing(Request::id);

        public boolean fibre() {
            return Boolean.TRUE.equals(needsFibre);
        }
    }

    /** {@code lengthMetres} to the centimetre: 7.5, 16, 7.25. */
    public record Vehicle(VehicleKind kind, Quantity lengthMetres) {
    }

    /** Half-open {@code [from, to)}. */
    public record Interval(OffsetDateTime from, OffsetDateTime to) {
    }

    /** A request's resource and start: a pin (published) or where the previous round put it. */
    public record Placement(String request, String resource, OffsetDateTime start) {
    }
}
