package org.broadcastallocation.problem;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

import static org.broadcastallocation.problem.FieldChecks.MAX_CAPACITY;
import static org.broadcastallocation.problem.FieldChecks.MAX_ID_LENGTH;
import static org.broadcastallocation.problem.FieldChecks.MAX_NAME_LENGTH;
import static org.broadcastallocation.problem.FieldChecks.blank;

import org.broadcastallocation.problem.ProblemDocument.Event;

/**
 * What the event itself must be before anything in it can be checked against it: a known time zone, a start before
 * its end on the grain, opening hours inside it, quotas and weights in range.
 */
final class EventRules {

    static final int MAX_WEIGHT = 1_000_000;
    static final Duration MAX_EVENT_LENGTH = Duration.ofDays(60);

    private EventRules() {
    }

    /** @return whether the event is whole, so that windows and placements may be checked against its bounds */
    static boolean check(Event event, FieldChecks checks) {
        int before = checks.count();
        if (blank(event.id())) {
            checks.add("event", "id", "is missing");
        }
        checks.checkText("event", "id", event.id(), MAX_ID_LENGTH);
        checks.checkText("event", "name", event.name(), MAX_NAME_LENGTH);
        checks.checkText("event", "timeZone", event.timeZone(), MAX_ID_LENGTH);
        if (blank(event.timeZone())) {
            checks.add("event", "timeZone", "is missing (an IANA zone such as Europe/Amsterdam)");
        } else {
            try {
                ZoneId.of(event.timeZone());
            } catch (DateTimeException e) {
                checks.add("event", "timeZone", "'" + event.timeZone() + "' is not a known time zone");
            }
        }
        if (event.start() == null) {
            checks.add("event", "start", "is missing");
        }
        if (event.end() == null) {
            checks.add("event", "end", "is missing");
        }
        if (event.start() != null && event.end() != null) {
            if (!event.start().isBefore(event.end())) {
                checks.add("event", "end", "must be after the start");
            } else if (Duration.between(event.start(), event.end()).compareTo(MAX_EVENT_LENGTH) > 0) {
                checks.add("event", "end", "the event lasts more than " + MAX_EVENT_LENGTH.toDays() + " days");
            }
            checks.onGrain("event", "start", event.start());
            checks.onGrain("event", "end", event.end());
        }
        if (event.openingHours() != null) {
            for (int i = 0; i < event.openingHours().size(); i++) {
                checks.checkInterval("event", "openingHours[" + i + "]", event.openingHours().get(i),
                        checks.count() == before ? event : null);
            }
        }
        if (event.quota() != null) {
            event.quota().forEach((type, quota) -> {
                if (type == null) {
                    checks.add("event", "quota", "names an unknown resource type");
                } else {
                    checks.checkRange("event", "quota." + type, quota, 0, MAX_CAPACITY, true);
                }
            });
        }
        if (event.weights() != null) {
            var weights = event.weights();
            if (weights.priorityWeight() != null) {
                weights.priorityWeight().forEach((priority, weight) -> {
                    if (priority == null || priority < 1 || priority > 3) {
                        checks.add("event", "weights.priorityWeight", "priority " + priority + " is not 1, 2 or 3");
                    } else {
                        checks.checkRange("event", "weights.priorityWeight." + priority, weight, 0, MAX_WEIGHT, true);
                    }
                });
            }
            checks.checkRange("event", "weights.walkingPerMetre", weights.walkingPerMetre(), 0, MAX_WEIGHT, false);
            checks.checkRange("event", "weights.missingPreferredFeature", weights.missingPreferredFeature(), 0,
                    MAX_WEIGHT, false);
            checks.checkRange("event", "weights.timingPerMinute", weights.timingPerMinute(), 0, MAX_WEIGHT, false);
            checks.checkRange("event", "weights.stabilityPerMove", weights.stabilityPerMove(), 0, MAX_WEIGHT, false);
        }
        return checks.count() == before;
    }
}
