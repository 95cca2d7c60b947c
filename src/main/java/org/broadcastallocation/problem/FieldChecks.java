package org.broadcastallocation.problem;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.broadcastallocation.problem.ProblemDocument.Event;
import org.broadcastallocation.problem.ProblemDocument.Interval;

/**
 * The checks every part of a document shares (text, ranges, metres, the 15-minute grain, intervals inside the event),
 * collecting each violation in order rather than stopping at the first, so a planner can fix a document in one pass.
 */
final class FieldChecks {

    /** Ids, zone and feature names are codes; names are what people read. Neither is a place for an essay. */
    static final int MAX_ID_LENGTH = 100;
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_FEATURES = 50;
    static final int MAX_CAPACITY = 10_000;
    /** Lengths and parking capacities are to the centimetre; a finer one is a mistake to report, not to round. */
    static final int METRE_DECIMALS = 2;

    private final List<Violation> violations = new ArrayList<>();

    List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** How many violations are collected so far: a part is whole when checking it added none. */
    int count() {
        return violations.size();
    }

    void add(String item, String field, String message) {
        violations.add(new Violation(item, field, message));
    }

    void addAll(List<Violation> found) {
        violations.addAll(found);
    }

    /** @return whether the interval is whole and inside the event (when the event is known) */
    boolean checkInterval(String item, String field, Interval interval, Event event) {
        int before = count();
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
        return count() == before;
    }

    void onGrain(String item, String field, OffsetDateTime time) {
        if (time.toEpochSecond() % 900 != 0 || time.getNano() != 0) {
            add(item, field, time + " is not on the 15-minute grain");
        }
    }

    void checkRange(String item, String field, Integer value, int min, int max, boolean required) {
        if (value == null) {
            if (required) {
                add(item, field, "is missing");
            }
        } else if (value < min || value > max) {
            add(item, field, value + " is out of range (" + min + " to " + max + ")");
        }
    }

    void checkMetres(String item, String field, Quantity metres, int min, int max) {
        if (metres != null && inRange(item, field, metres, min, max) && metres.decimals() > METRE_DECIMALS) {
            add(item, field, metres + " m is finer than a centimetre: give at most two decimals (such as 7.25)");
        }
    }

    void checkPeople(String item, String field, Quantity people, ResourceType type) {
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

    void checkNames(String item, String field, Set<String> values) {
        if (values == null) {
            return;
        }
        if (values.stream().anyMatch(FieldChecks::blank)) {
            add(item, field, "contains an empty name");
        }
        if (values.size() > MAX_FEATURES) {
            add(item, field, values.size() + " names are more than " + MAX_FEATURES);
        }
        values.stream().filter(Objects::nonNull)
                .filter(value -> value.length() > MAX_ID_LENGTH || ProblemValidator.hasControl(value))
                .findFirst().ifPresent(value -> checkText(item, field, value, MAX_ID_LENGTH));
    }

    /** Text that people read and files carry: printable, and of a sensible length. */
    void checkText(String item, String field, String value, int maxLength) {
        if (value == null) {
            return;
        }
        if (value.length() > maxLength) {
            add(item, field, "is " + value.length() + " characters long, more than " + maxLength);
        }
        if (ProblemValidator.hasControl(value)) {
            add(item, field, "contains control characters (such as a line break or NUL)");
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static String typeNames() {
        return String.join(", ", Arrays.stream(ResourceType.values()).map(Enum::name).toList());
    }
}
