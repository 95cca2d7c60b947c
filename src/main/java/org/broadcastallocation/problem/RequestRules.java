package org.broadcastallocation.problem;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.broadcastallocation.problem.ProblemDocument.Event;
import org.broadcastallocation.problem.ProblemDocument.Interval;
import org.broadcastallocation.problem.ProblemDocument.Organisation;
import org.broadcastallocation.problem.ProblemDocument.Request;

/**
 * The spec's "refused at the door" list: what one request must be, given only its event and the organisations that
 * may ask. The same rules check a request submitted on its own and every request of an imported document, so that
 * the two doors never disagree.
 */
public final class RequestRules {

    /** Sizes beyond these are typing mistakes, not events. */
    static final int MAX_CREW = 100;
    static final int MAX_VEHICLE_METRES = 40;

    /** Null when the event is itself invalid: then windows are checked for shape only, not against its bounds. */
    private final Event event;
    /** Each listed organisation's kind (null where the document leaves it out); unlisted ones are absent. */
    private final Map<String, OrganisationKind> kinds = new HashMap<>();

    public RequestRules(Event event, Collection<Organisation> organisations) {
        this.event = event;
        organisations.stream().filter(Objects::nonNull)
                .forEach(organisation -> kinds.put(organisation.id(), organisation.kind()));
    }

    /** Every rule the request breaks, in the order a planner reads its fields; empty when it may be accepted. */
    public List<Violation> violations(Request request) {
        var checks = new FieldChecks();
        check(request, checks);
        return checks.violations();
    }

    private void check(Request request, FieldChecks checks) {
        String item = "requests[" + request.id() + "]";
        if (FieldChecks.blank(request.organisation())) {
            checks.add(item, "organisation", "is missing");
        } else if (!kinds.containsKey(request.organisation())) {
            checks.add(item, "organisation", "'" + request.organisation() + "' is not a listed organisation");
        }
        if (request.type() == null) {
            checks.add(item, "type", "is missing or unknown (" + FieldChecks.typeNames() + ")");
        }
        checks.checkRange(item, "crewSize", request.crewSize(), 1, MAX_CREW, false);
        checks.checkRange(item, "priority", request.priority(), 1, 3, false);
        checks.checkText(item, "id", request.id(), FieldChecks.MAX_ID_LENGTH);
        checks.checkText(item, "organisation", request.organisation(), FieldChecks.MAX_ID_LENGTH);
        checks.checkNames(item, "requiredFeatures", request.requiredFeatures());
        checks.checkNames(item, "preferredFeatures", request.preferredFeatures());
        if (request.vehicle() != null) {
            if (request.vehicle().kind() == null) {
                checks.add(item, "vehicle.kind", "is missing (SNG or OB)");
            }
            checks.checkMetres(item, "vehicle.lengthMetres", request.vehicle().lengthMetres(), 1,
                    MAX_VEHICLE_METRES);
        }
        if (request.preferredStart() != null) {
            checks.onGrain(item, "preferredStart", request.preferredStart());
        }
        checkDurationInWindow(item, request, checks);
        OrganisationKind kind = request.organisation() == null ? null : kinds.get(request.organisation());
        if (request.type() != null && kind != null && !request.type().admits(kind)) {
            checks.add(item, "type", "a " + request.type().singular() + " may be booked only by national"
                    + " delegations and the host broadcaster; '" + request.organisation() + "' is a " + kind);
        }
        if (request.type() != null && request.type().isParking()) {
            checkParking(item, request, checks);
        }
        if (event != null && event.requestDeadline() != null && !event.lateIntakeOpen()
                && request.submittedAt() != null && request.submittedAt().isAfter(event.requestDeadline())) {
            checks.add(item, "submittedAt", "submitted " + request.submittedAt() + ", after the deadline "
                    + event.requestDeadline() + ", and late intake is closed");
        }
    }

    private void checkDurationInWindow(String item, Request request, FieldChecks checks) {
        Interval window = request.window();
        Integer duration = request.durationMinutes();
        boolean durationOk = duration == null || duration > 0 && duration % 15 == 0;
        if (!durationOk) {
            checks.add(item, "durationMinutes", duration + " is not a positive multiple of 15 minutes");
        }
        if (window == null) {
            checks.add(item, "window", "is missing");
        } else if (checks.checkInterval(item, "window", window, event) && duration != null && durationOk) {
            long windowMinutes = Duration.between(window.from(), window.to()).toMinutes();
            if (duration > windowMinutes) {
                checks.add(item, "durationMinutes", duration + " minutes do not fit in the window of "
                        + windowMinutes + " minutes");
            }
        }
    }

    /** Vans stay for the whole summit: in from an access day, out at the event end. */
    private void checkParking(String item, Request request, FieldChecks checks) {
        if (request.vehicle() != null && request.vehicle().kind() == VehicleKind.OB
                && request.type() == ResourceType.PARKING_SNG) {
            checks.add(item, "vehicle.kind", "an OB vehicle cannot park in SNG parking; ask for PARKING_OB");
        }
        Interval window = request.window();
        if (event == null || window == null || window.from() == null || window.to() == null) {
            return;
        }
        if (!window.to().isEqual(event.end())) {
            checks.add(item, "window.to", "a van stays parked until the event ends (" + event.end() + ")");
        }
        var days = event.parkingAccessDays();
        if (days != null && !days.isEmpty()) {
            LocalDate arrival = window.from().atZoneSameInstant(ZoneId.of(event.timeZone())).toLocalDate();
            if (!days.contains(arrival)) {
                checks.add(item, "window.from", "vans arrive only on an access day " + days + ", not " + arrival);
            }
        }
        if (request.durationMinutes() != null
                && request.durationMinutes() < Duration.between(window.from(), window.to()).toMinutes()) {
            checks.add(item, "durationMinutes", "parking is booked for the whole window, not for a slot");
        }
    }
}
