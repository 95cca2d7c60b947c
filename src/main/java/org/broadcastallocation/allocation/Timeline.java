package org.broadcastallocation.allocation;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The event's time axis. The planning model counts whole minutes from the event start so that the solver compares
 * ints; this is the one place that turns them back into the event's local time.
 */
public record Timeline(OffsetDateTime eventStart, ZoneId zone) {

    public static final int GRAIN_MINUTES = 15;

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    public int minutes(OffsetDateTime instant) {
        return Math.toIntExact(Duration.between(eventStart, instant).toMinutes());
    }

    public OffsetDateTime at(int minutes) {
        return eventStart.plusMinutes(minutes).atZoneSameInstant(zone).toOffsetDateTime();
    }

    /** "24 June 07:00-25 June 18:00", or "24 June 07:00-09:00" within one day, in the event's time zone. */
    public String describe(int from, int to) {
        var start = eventStart.plusMinutes(from).atZoneSameInstant(zone);
        var end = eventStart.plusMinutes(to).atZoneSameInstant(zone);
        var endText = start.toLocalDate().equals(end.toLocalDate()) ? TIME.format(end) : DAY_TIME.format(end);
        return DAY_TIME.format(start) + "-" + endText;
    }
}
