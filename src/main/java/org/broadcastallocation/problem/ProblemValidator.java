package org.broadcastallocation.problem;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.broadcastallocation.problem.ProblemDocument.Event;
import org.broadcastallocation.problem.ProblemDocument.Interval;
import org.broadcastallocation.problem.ProblemDocument.Request;
import org.broadcastallocation.problem.ProblemDocument.Resource;

/**
 * Checks a problem document before anything is solved or imported: the rules that belong to a request alone (the
 * spec's "refused at the door" list), references between items, and sizes no real event has. Collects every
 * violation rather than stopping at the first, so a planner can fix a document in one pass.
 */
public final class ProblemValidator {

    /** Sizes beyond these are typing mistakes, not events. */
    static final int MAX_CREW = 100;
    static final int MAX_VEHICLE_METRES = 40;
    /** Lengths and parking capacities are to the centimetre; a finer one is a mistake to report, not to round. */
    static final int METRE_DECIMALS = 2;
    static final int MAX_CAPACITY = 10_000;
    static final int MAX_COORDINATE = 100_000;
    static final int MAX_FIBRE_LINKS = 10_000;
    static final int MAX_WEIGHT = 1_000_000;
    static final Duration MAX_EVENT_LENGTH = Duration.ofDays(60);
    /** Ids, zone and feature names are codes; names are what people read. Neither is a place for an essay. */
    static final int MAX_ID_LENGTH = 100;
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_FEATURES = 50;
    /**
     * An id that comes in to be stored becomes part of addresses (/events/{id}/requests/{id}): letters, digits and
     * the four marks an address carries unchanged (RFC 3986 "unreserved"), beginning with a letter or digit so that
     * no id reads as "." or "..".
     */
    public static final Pattern ADDRESSABLE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,"
            + (MAX_ID_LENGTH - 1) + "}");

    private final List<Violation> violations = new ArrayList<>();

    private ProblemValidator() {
    }

    /** Every violation in the document; empty when it may be solved or imported. */
    public static List<Violation> validate(ProblemDocument document) {
        var validator = new ProblemValidator();
        validator.check(document);
        return List.copyOf(validator.violations);
    }

    public static void requireValid(ProblemDocument document) {
        var violations = validate(document);
        if (!violations.isEmpty()) {
            throw new InvalidProblemException(violations);
        }
    }

    /**
     * For a document coming in to be stored (an import): valid, and every id one an address can carry. Solving does
     * not ask the second (ids stored before the rule existed must still solve), so it is checked at the doors only:
     * here, a submission, a site change.
     */
    public static void requireImportable(ProblemDocument document) {
        var violations = new ArrayList<>(validate(document));
        violations.addAll(unaddressableIds(document));
        if (!violations.isEmpty()) {
            throw new InvalidProblemException(violations);
        }
    }

    /** Each id of the document's event, zones, organisations, resources and requests that an address cannot carry. */
    public static List<Violation> unaddressableIds(ProblemDocument document) {
        var found = new ArrayList<Violation>();
        if (document == null || document.event() == null) {
            return found;
        }
        unaddressable("event", document.event().id()).ifPresent(found::add);
        present(document.zones()).forEach(zone -> unaddressable("zones[" + zone.id() + "]", zone.id())
                .ifPresent(found::add));
        present(document.organisations()).forEach(organisation -> unaddressable("organisations["
                + organisation.id() + "]", organisation.id()).ifPresent(found::add));
        present(document.resources()).forEach(resource -> unaddressable("resources[" + resource.id() + "]",
                resource.id()).ifPresent(found::add));
        present(document.requests()).forEach(request -> unaddressable("requests[" + request.id() + "]",
                request.id()).ifPresent(found::add));
        return found;
    }

    /**
     * Why an address cannot carry this id, as a violation of the item's "id"; nothing for an id that is fine, and for
     * a missing, overlong or unprintable one, which {@link #validate} already names as such.
     */
    public static Optional<Violation> unaddressable(String item, String id) {
        if (blank(id) || id.length() > MAX_ID_LENGTH || hasControl(id) || ADDRESSABLE_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Violation(item, "id", "'" + id + "' cannot be part of an address: use"
                + " letters, digits and . _ ~ - only, beginning with a letter or digit"));
    }

    /**
     * Things that are legal but probably not meant, such as a resource in a zone the document does not list (the
     * spec gives it no fibre links).
     */
    public static List<String> warnings(ProblemDocument document) {
        var warnings = new ArrayList<String>();
        var zones = new HashSet<String>();
        present(document.zones()).forEach(zone -> zones.add(zone.id()));
        for (Resource resource : present(document.resources())) {
            if (resource.zone() != null && !zones.contains(resource.zone())) {
                warnings.add("resources[" + resource.id() + "].zone: zone '" + resource.zone()
                        + "' is not listed in zones, so it has no fibre links");
            }
        }
        unaddressableIds(document).forEach(violation -> warnings.add(violation + " (the service refuses it on"
                + " import)"));
        return warnings;
    }

    private void check(ProblemDocument document) {
        if (document == null) {
            add("document", "", "is empty");
            return;
        }
        Event event = document.event();
        if (event == null) {
            add("event", "", "is missing");
            return;
        }
        boolean eventOk = checkEvent(event);
        uniqueIds("zones", document.zones(), ProblemDocument.Zone::id);
        uniqueIds("organisations", document.organisations(), ProblemDocument.Organisation::id);
        var resources = uniqueIds("resources", document.resources(), Resource::id);
        var requests = uniqueIds("requests", document.requests(), Request::id);

        present(document.zones()).forEach(zone -> checkRange("zones[" + zone.id() + "]", "fibreLinks",
                zone.fibreLinks(), 0, MAX_FIBRE_LINKS, false));
        present(document.zones()).forEach(zone -> checkText("zones[" + zone.id() + "]", "id", zone.id(),
                MAX_ID_LENGTH));
        var kinds = new HashMap<String, OrganisationKind>();
        for (var organisation : present(document.organisations())) {
            String item = "organisations[" + organisation.id() + "]";
            checkText(item, "id", organisation.id(), MAX_ID_LENGTH);
            checkText(item, "name", organisation.name(), MAX_NAME_LENGTH);
            checkText(item, "country", organisation.country(), MAX_ID_LENGTH);
            if (organisation.kind() == null) {
                add("organisations[" + organisation.id() + "]", "kind",
                        "is missing (one of HOST_BROADCASTER, NATIONAL_DELEGATION, BROADCASTER, NEWS_AGENCY, RADIO)");
            }
            kinds.put(organisation.id(), organisation.kind());
        }
        for (Resource resource : present(document.resources())) {
            checkResource(resource, eventOk ? event : null);
        }
        for (Request request : present(document.requests())) {
            checkRequest(request, eventOk ? event : null, kinds);
        }
        checkPlacements("pinned", document.pinned(), requests, resources, eventOk ? event : null);
        checkPlacements("previousAllocations", document.previousAllocations(), requests, resources,
                eventOk ? event : null);
    }

    private static <T> List<T> present(List<T> items) {
        return items.stream().filter(Objects::nonNull).toList();
    }

    private boolean checkEvent(Event event) {
        int before = violations.size();
        if (blank(event.id())) {
            add("event", "id", "is missing");
        }
        checkText("event", "id", event.id(), MAX_ID_LENGTH);
        checkText("event", "name", event.name(), MAX_NAME_LENGTH);
        checkText("event", "timeZone", event.timeZone(), MAX_ID_LENGTH);
        if (blank(event.timeZone())) {
            add("event", "timeZone", "is missing (an IANA zone such as Europe/Amsterdam)");
        } else {
            try {
                ZoneId.of(event.timeZone());
            } catch (DateTimeException e) {
                add("event", "timeZone", "'" + event.timeZone() + "' is not a known time zone");
            }
        }
        if (event.start() == null) {
            add("event", "start", "is missing");
        }
        if (event.end() == null) {
            add("event", "end", "is missing");
        }
        if (event.start() != null && event.end() != null) {
            if (!event.start().isBefore(event.end())) {
                add("event", "end", "must be after the start");
            } else if (Duration.between(event.start(), event.end()).compareTo(MAX_EVENT_LENGTH) > 0) {
                add("event", "end", "the event lasts more than " + MAX_EVENT_LENGTH.toDays() + " days");
            }
            onGrain("event", "start", event.start());
            onGrain("event", "end", event.end());
        }
        if (event.openingHours() != null) {
            for (int i = 0; i < event.openingHours().size(); i++) {
                checkInterval("event", "openingHours[" + i + "]", event.openingHours().get(i),
                        violations.size() == before ? event : null);
            }
        }
        if (event.quota() != null) {
            event.quota().forEach((type, quota) -> {
                if (type == null) {
                    add("event", "quota", "names an unknown resource type");
                } else {
                    checkRange("event", "quota." + type, quota, 0, MAX_CAPACITY, true);
                }
            });
        }
        if (event.weights() != null) {
            var weights = event.weights();
            if (weights.priorityWeight() != null) {
                weights.priorityWeight().forEach((priority, weight) -> {
                    if (priority == null || priority < 1 || priority > 3) {
                        add("event", "weights.priorityWeight", "priority " + priority + " is not 1, 2 or 3");
                    } else {
                        checkRange("event", "weights.priorityWeight." + priority, weight, 0, MAX_WEIGHT, true);
                    }
                });
            }
            checkRange("event", "weights.walkingPerMetre", weights.walkingPerMetre(), 0, MAX_WEIGHT, false);
            checkRange("event", "weights.missingPreferredFeature", weights.missingPreferredFeature(), 0,
                    MAX_WEIGHT, false);
            checkRange("event", "weights.timingPerMinute", weights.timingPerMinute(), 0, MAX_WEIGHT, false);
            checkRange("event", "weights.stabilityPerMove", weights.stabilityPerMove(), 0, MAX_WEIGHT, false);
        }
        return violations.size() == before;
    }

    private void checkResource(Resource resource, Event event) {
        String item = "resources[" + resource.id() + "]";
        if (resource.type() == null) {
            add(item, "type", "is missing or unknown (" + typeNames() + ")");
        }
        if (blank(resource.zone())) {
            add(item, "zone", "is missing");
        }
        checkText(item, "id", resource.id(), MAX_ID_LENGTH);
        checkText(item, "zone", resource.zone(), MAX_ID_LENGTH);
        checkRange(item, "x", resource.x(), -MAX_COORDINATE, MAX_COORDINATE, true);
        checkRange(item, "y", resource.y(), -MAX_COORDINATE, MAX_COORDINATE, true);
        if (resource.type() != null && !resource.type().isParking()) {
            checkPeople(item, "capacity", resource.capacity(), resource.type());
        } else {
            checkMetres(item, "capacity", resource.capacity(), 1, MAX_CAPACITY);
        }
        checkNames(item, "features", resource.features());
        if (resource.availability() != null) {
            for (int i = 0; i < resource.availability().size(); i++) {
                checkInterval(item, "availability[" + i + "]", resource.availability().get(i), event);
            }
        }
    }

    private void checkRequest(Request request, Event event, Map<String, OrganisationKind> kinds) {
        String item = "requests[" + request.id() + "]";
        if (blank(request.organisation())) {
            add(item, "organisation", "is missing");
        } else if (!kinds.containsKey(request.organisation())) {
            add(item, "organisation", "'" + request.organisation() + "' is not a listed organisation");
        }
        if (request.type() == null) {
            add(item, "type", "is missing or unknown (" + typeNames() + ")");
        }
        checkRange(item, "crewSize", request.crewSize(), 1, MAX_CREW, false);
        checkRange(item, "priority", request.priority(), 1, 3, false);
        checkText(item, "id", request.id(), MAX_ID_LENGTH);
        checkText(item, "organisation", request.organisation(), MAX_ID_LENGTH);
        checkNames(item, "requiredFeatures", request.requiredFeatures());
        checkNames(item, "preferredFeatures", request.preferredFeatures());
        if (request.vehicle() != null) {
            if (request.vehicle().kind() == null) {
                add(item, "vehicle.kind", "is missing (SNG or OB)");
            }
            checkMetres(item, "vehicle.lengthMetres", request.vehicle().lengthMetres(), 1, MAX_VEHICLE_METRES);
        }
        if (request.preferredStart() != null) {
            onGrain(item, "preferredStart", request.preferredStart());
        }
        Interval window = request.window();
        Integer duration = request.durationMinutes();
        boolean durationOk = duration == null || duration > 0 && duration % 15 == 0;
        if (!durationOk) {
            add(item, "durationMinutes", duration + " is not a positive multiple of 15 minutes");
        }
        if (window == null) {
            add(item, "window", "is missing");
        } else if (checkInterval(item, "window", window, event) && duration != null && durationOk) {
            long windowMinutes = Duration.between(window.from(), window.to()).toMinutes();
            if (duration > windowMinutes) {
                add(item, "durationMinutes", duration + " minutes do not fit in the window of " + windowMinutes
                        + " minutes");
            }
        }
        if (request.type() != null && request.organisation() != null && kinds.get(request.organisation()) != null
                && !request.type().admits(kinds.get(request.organisation()))) {
            add(item, "type", "a " + request.type().singular() + " may be booked only by national delegations"
                    + " and the host broadcaster; '" + request.organisation() + "' is a "
                    + kinds.get(request.organisation()));
        }
        if (request.type() != null && request.type().isParking()) {
            checkParking(item, request, event);
        }
        if (event != null && event.requestDeadline() != null && !event.lateIntakeOpen()
                && request.submittedAt() != null && request.submittedAt().isAfter(event.requestDeadline())) {
            add(item, "submittedAt", "submitted " + request.submittedAt() + ", after the deadline "
                    + event.requestDeadline() + ", and late intake is closed");
        }
    }

    /** Vans stay for the whole summit: in from an access day, out at the event end. */
    private void checkParking(String item, Request request, Event event) {
        if (request.vehicle() != null && request.vehicle().kind() == VehicleKind.OB
                && request.type() == ResourceType.PARKING_SNG) {
            add(item, "vehicle.kind", "an OB vehicle cannot park in SNG parking; ask for PARKING_OB");
        }
        Interval window = request.window();
        if (event == null || window == null || window.from() == null || window.to() == null) {
            return;
        }
        if (!window.to().isEqual(event.end())) {
            add(item, "window.to", "a van stays parked until the event ends (" + event.end() + ")");
        }
        var days = event.parkingAccessDays();
        if (days != null && !days.isEmpty()) {
            LocalDate arrival = window.from().atZoneSameInstant(ZoneId.of(event.timeZone())).toLocalDate();
            if (!days.contains(arrival)) {
                add(item, "window.from", "vans arrive only on an access day " + days + ", not " + arrival);
            }
        }
        if (request.durationMinutes() != null && request.window().from() != null
                && request.durationMinutes() < Duration.between(window.from(), window.to()).toMinutes()) {
            add(item, "durationMinutes", "parking is booked for the whole window, not for a slot");
        }
    }

    private void checkPlacements(String list, List<ProblemDocument.Placement> placements, Set<String> requests,
            Set<String> resources, Event event) {
        var seen = new HashSet<String>();
        for (int i = 0; i < placements.size(); i++) {
            var placement = placements.get(i);
            String item = list + "[" + i + "]";
            if (placement == null) {
                add(item, "", "is empty");
                continue;
            }
            if (blank(placement.request()) || !requests.contains(placement.request())) {
                add(item, "request", "'" + placement.request() + "' is not a request of this problem");
            } else if (!seen.add(placement.request())) {
                add(item, "request", "'" + placement.request() + "' appears more than once");
            }
            if (blank(placement.resource()) || !resources.contains(placement.resource())) {
                add(item, "resource", "'" + placement.resource() + "' is not a resource of this problem");
            }
            if (placement.start() == null) {
                add(item, "start", "is missing");
            } else {
                onGrain(item, "start", placement.start());
                if (event != null && (placement.start().isBefore(event.start())
                        || !placement.start().isBefore(event.end()))) {
                    add(item, "start", placement.start() + " is outside the event");
                }
            }
        }
    }

    /** @return whether the interval is whole and inside the event (when the event is known) */
    private boolean checkInterval(String item, String field, Interval interval, Event event) {
        int before = violations.size();
        if (interval == null) {
            add(item, field, "is missing");
            return false;
        }
        if (interval.from() == null) {
            add(item, field + ".from", "is missing");
        }
        if (interval.to() == null) {
            add(item, field + ".to", "is missing");
        }
        if (interval.from() == null || interval.to() == null) {
            return false;
        }
        onGrain(item, field + ".from", interval.from());
        onGrain(item, field + ".to", interval.to());
        if (!interval.from().isBefore(interval.to())) {
            add(item, field, "ends (" + interval.to() + ") before it starts (" + interval.from() + ")");
        } else if (event != null && (interval.from().isBefore(event.start()) || interval.to().isAfter(event.end()))) {
            add(item, field, "[" + interval.from() + ", " + interval.to() + ") lies outside the event ["
                    + event.start() + ", " + event.end() + ")");
        }
        return violations.size() == before;
    }

    private void onGrain(String item, String field, OffsetDateTime time) {
        if (time.toEpochSecond() % 900 != 0 || time.getNano() != 0) {
            add(item, field, time + " is not on the 15-minute grain");
        }
    }

    private void checkRange(String item, String field, Integer value, int min, int max, boolean required) {
        if (value == null) {
            if (required) {
                add(item, field, "is missing");
            }
        } else if (value < min || value > max) {
            add(item, field, value + " is out of range (" + min + " to " + max + ")");
        }
    }

    private void checkMetres(String item, String field, Quantity metres, int min, int max) {
        if (metres != null && inRange(item, field, metres, min, max) && metres.decimals() > METRE_DECIMALS) {
            add(item, field, metres + " m is finer than a centimetre: give at most two decimals (such as 7.25)");
        }
    }

    private void checkPeople(String item, String field, Quantity people, ResourceType type) {
        if (people != null && inRange(item, field, people, 1, MAX_CAPACITY) && !people.isWhole()) {
            add(item, field, people + " is not a whole number of people (the capacity of " + type.plural()
                    + "; only parking is measured in metres)");
        }
    }

    private boolean inRange(String item, String field, Quantity value, int min, int max) {
        if (!value.isBetween(min, max)) {
            add(item, field, value + " is out of range (" + min + " to " + max + ")");
            return false;
        }
        return true;
    }

    private void checkNames(String item, String field, Set<String> values) {
        if (values == null) {
            return;
        }
        if (values.stream().anyMatch(ProblemValidator::blank)) {
            add(item, field, "contains an empty name");
        }
        if (values.size() > MAX_FEATURES) {
            add(item, field, values.size() + " names are more than " + MAX_FEATURES);
        }
        values.stream().filter(Objects::nonNull).filter(value -> value.length() > MAX_ID_LENGTH || hasControl(value))
                .findFirst().ifPresent(value -> checkText(item, field, value, MAX_ID_LENGTH));
    }

    /** Text that people read and files carry: printable, and of a sensible length. */
    private void checkText(String item, String field, String value, int maxLength) {
        if (value == null) {
            return;
        }
        if (value.length() > maxLength) {
            add(item, field, "is " + value.length() + " characters long, more than " + maxLength);
        }
        if (hasControl(value)) {
            add(item, field, "contains control characters (such as a line break or NUL)");
        }
    }

    /** Control characters, and halves of a character (an unpaired surrogate) that no text encoding can store. */
    public static boolean hasControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return true;
            }
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private <T> Set<String> uniqueIds(String list, List<T> items, Function<T, String> id) {
        var ids = new HashSet<String>();
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            if (item == null) {
                add(list + "[" + i + "]", "", "is empty");
                continue;
            }
            String value = id.apply(item);
            if (blank(value)) {
                add(list + "[" + i + "]", "id", "is missing");
            } else if (!ids.add(value)) {
                add(list + "[" + value + "]", "id", "'" + value + "' is used more than once");
            }
        }
        return ids;
    }

    private void add(String item, String field, String message) {
        violations.add(new Violation(item, field, message));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String typeNames() {
        return String.join(", ", Arrays.stream(ResourceType.values()).map(Enum::name).toList());
    }
}
