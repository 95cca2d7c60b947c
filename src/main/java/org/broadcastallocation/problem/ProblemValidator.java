package org.broadcastallocation.problem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.broadcastallocation.problem.FieldChecks.MAX_CAPACITY;
import static org.broadcastallocation.problem.FieldChecks.MAX_ID_LENGTH;
import static org.broadcastallocation.problem.FieldChecks.MAX_NAME_LENGTH;
import static org.broadcastallocation.problem.FieldChecks.blank;
import static org.broadcastallocation.problem.FieldChecks.typeNames;

import org.broadcastallocation.problem.ProblemDocument.Event;
import org.broadcastallocation.problem.ProblemDocument.Request;
import org.broadcastallocation.problem.ProblemDocument.Resource;

/**
 * Checks a problem document before anything is solved or imported: the event, zones, organisations and resources,
 * ids unique and references between items whole, and each request by the {@link RequestRules} a single submission
 * meets too. Collects every violation rather than stopping at the first, so a planner can fix a document in one pass.
 */
public final class ProblemValidator {

    static final int MAX_COORDINATE = 100_000;
    static final int MAX_FIBRE_LINKS = 10_000;
    /**
     * An id that comes in to be stored becomes part of addresses (/events/{id}/requests/{id}): letters, digits and
     * the four marks an address carries unchanged (RFC 3986 "unreserved"), beginning with a letter or digit so that
     * no id reads as "." or "..".
     */
    public static final Pattern ADDRESSABLE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,"
            + (MAX_ID_LENGTH - 1) + "}");

    private final FieldChecks checks = new FieldChecks();

    private ProblemValidator() {
    }

    /** Every violation in the document; empty when it may be solved or imported. */
    public static List<Violation> validate(ProblemDocument document) {
        var validator = new ProblemValidator();
        validator.check(document);
        return validator.checks.violations();
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
            checks.add("document", "", "is empty");
            return;
        }
        Event event = document.event();
        if (event == null) {
            checks.add("event", "", "is missing");
            return;
        }
        boolean eventOk = EventRules.check(event, checks);
        uniqueIds("zones", document.zones(), ProblemDocument.Zone::id);
        uniqueIds("organisations", document.organisations(), ProblemDocument.Organisation::id);
        var resources = uniqueIds("resources", document.resources(), Resource::id);
        var requests = uniqueIds("requests", document.requests(), Request::id);

        present(document.zones()).forEach(zone -> checks.checkRange("zones[" + zone.id() + "]", "fibreLinks",
                zone.fibreLinks(), 0, MAX_FIBRE_LINKS, false));
        present(document.zones()).forEach(zone -> checks.checkText("zones[" + zone.id() + "]", "id", zone.id(),
                MAX_ID_LENGTH));
        for (var organisation : present(document.organisations())) {
            String item = "organisations[" + organisation.id() + "]";
            checks.checkText(item, "id", organisation.id(), MAX_ID_LENGTH);
            checks.checkText(item, "name", organisation.name(), MAX_NAME_LENGTH);
            checks.checkText(item, "country", organisation.country(), MAX_ID_LENGTH);
            if (organisation.kind() == null) {
                checks.add("organisations[" + organisation.id() + "]", "kind",
                        "is missing (one of HOST_BROADCASTER, NATIONAL_DELEGATION, BROADCASTER, NEWS_AGENCY, RADIO)");
            }
        }
        for (Resource resource : present(document.resources())) {
            checkResource(resource, eventOk ? event : null);
        }
        var requestRules = new RequestRules(eventOk ? event : null, document.organisations());
        for (Request request : present(document.requests())) {
            checks.addAll(requestRules.violations(request));
        }
        checkPlacements("pinned", document.pinned(), requests, resources, eventOk ? event : null);
        checkPlacements("previousAllocations", document.previousAllocations(), requests, resources,
                eventOk ? event : null);
    }

    private static <T> List<T> present(List<T> items) {
        return items.stream().filter(Objects::nonNull).toList();
    }

    private void checkResource(Resource resource, Event event) {
        String item = "resources[" + resource.id() + "]";
        if (resource.type() == null) {
            checks.add(item, "type", "is missing or unknown (" + typeNames() + ")");
        }
        if (blank(resource.zone())) {
            checks.add(item, "zone", "is missing");
        }
        checks.checkText(item, "id", resource.id(), MAX_ID_LENGTH);
        checks.checkText(item, "zone", resource.zone(), MAX_ID_LENGTH);
        checks.checkRange(item, "x", resource.x(), -MAX_COORDINATE, MAX_COORDINATE, true);
        checks.checkRange(item, "y", resource.y(), -MAX_COORDINATE, MAX_COORDINATE, true);
        if (resource.type() != null && !resource.type().isParking()) {
            checks.checkPeople(item, "capacity", resource.capacity(), resource.type());
        } else {
            checks.checkMetres(item, "capacity", resource.capacity(), 1, MAX_CAPACITY);
        }
        checks.checkNames(item, "features", resource.features());
        if (resource.availability() != null) {
            for (int i = 0; i < resource.availability().size(); i++) {
                checks.checkInterval(item, "availability[" + i + "]", resource.availability().get(i), event);
            }
        }
    }

    private void checkPlacements(String list, List<ProblemDocument.Placement> placements, Set<String> requests,
            Set<String> resources, Event event) {
        var seen = new HashSet<String>();
        for (int i = 0; i < placements.size(); i++) {
            var placement = placements.get(i);
            String item = list + "[" + i + "]";
            if (placement == null) {
                checks.add(item, "", "is empty");
                continue;
            }
            if (blank(placement.request()) || !requests.contains(placement.request())) {
                checks.add(item, "request", "'" + placement.request() + "' is not a request of this problem");
            } else if (!seen.add(placement.request())) {
                checks.add(item, "request", "'" + placement.request() + "' appears more than once");
            }
            if (blank(placement.resource()) || !resources.contains(placement.resource())) {
                checks.add(item, "resource", "'" + placement.resource() + "' is not a resource of this problem");
            }
            if (placement.start() == null) {
                checks.add(item, "start", "is missing");
            } else {
                checks.onGrain(item, "start", placement.start());
                if (event != null && (placement.start().isBefore(event.start())
                        || !placement.start().isBefore(event.end()))) {
                    checks.add(item, "start", placement.start() + " is outside the event");
                }
            }
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
                checks.add(list + "[" + i + "]", "", "is empty");
                continue;
            }
            String value = id.apply(item);
            if (blank(value)) {
                checks.add(list + "[" + i + "]", "id", "is missing");
            } else if (!ids.add(value)) {
                checks.add(list + "[" + value + "]", "id", "'" + value + "' is used more than once");
            }
        }
        return ids;
    }
}
