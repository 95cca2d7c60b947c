package org.broadcastallocation.events;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.broadcastallocation.problem.ProblemDocument;

/** PostgreSQL hands timestamps back in UTC; people read them in the event's own offset. */
public final class LocalTimes {

    private LocalTimes() {
    }

    public static OffsetDateTime at(OffsetDateTime time, ZoneId zone) {
        return time == null ? null : time.atZoneSameInstant(zone).toOffsetDateTime();
    }

    public static ProblemDocument.Interval interval(ProblemDocument.Interval interval, ZoneId zone) {
        return new ProblemDocument.Interval(at(interval.from(), zone), at(interval.to(), zone));
    }

    public static ProblemDocument.Event event(ProblemDocument.Event event, ZoneId zone) {
        return new ProblemDocument.Event(event.id(), event.name(), event.timeZone(), at(event.start(), zone),
                at(event.end(), zone), at(event.requestDeadline(), zone), event.openingHours(),
                event.parkingAccessDays(), event.lateIntake(), event.quota(), event.weights());
    }

    public static ProblemDocument.Request request(ProblemDocument.Request r, ZoneId zone) {
        return new ProblemDocument.Request(r.id(), r.organisation(), r.type(), interval(r.window(), zone),
                r.durationMinutes(), r.crewSize(), r.vehicle(), r.requiredFeatures(), r.preferredFeatures(),
                at(r.preferredStart(), zone), r.needsFibre(), r.priority(), at(r.submittedAt(), zone));
    }
}
