package org.broadcastallocation.requests;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** An organisation's confirmed bookings as an RFC 5545 calendar feed, one VEVENT per allocation. */
public final class ICalendar {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private ICalendar() {
    }

    public record Booking(String requestId, String type, String resourceId, OffsetDateTime start,
            OffsetDateTime end) {
    }

    public static String of(String eventId, String eventName, String organisationId, List<Booking> bookings,
            OffsetDateTime stamp) {
        return of(eventId, eventName, organisationId, bookings, stamp, null);
    }

    /**
     * @param zone null: times in UTC; else in this zone (TZID), described by a VTIMEZONE, so that a calendar shows
     *             the event's local times even where its own zone differs
     */
    public static String of(String eventId, String eventName, String organisationId, List<Booking> bookings,
            OffsetDateTime stamp, ZoneId zone) {
        var ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//broadcast-allocation//bookings//EN");
        line(ics, "CALSCALE:GREGORIAN");
        line(ics, "X-WR-CALNAME:" + escape(eventName + " - " + organisationId));
        if (zone != null) {
            line(ics, "X-WR-TIMEZONE:" + zone.getId());
            timeZone(ics, zone, bookings, stamp);
        }
        for (Booking booking : bookings) {
            line(ics, "BEGIN:VEVENT");
            line(ics, "UID:" + escape(eventId + "/" + booking.requestId()) + "@broadcast-allocation");
            line(ics, "DTSTAMP:" + utc(stamp));
            line(ics, "DTSTART" + at(booking.start(), zone));
            line(ics, "DTEND" + at(booking.end(), zone));
            line(ics, "SUMMARY:" + escape(booking.type() + " " + booking.resourceId()));
            line(ics, "DESCRIPTION:" + escape("Request " + booking.requestId() + ", confirmed"));
            line(ics, "LOCATION:" + escape(booking.resourceId()));
            line(ics, "END:VEVENT");
        }
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    private static String at(OffsetDateTime time, ZoneId zone) {
        return zone == null ? ":" + utc(time) : ";TZID=" + zone.getId() + ":" + LOCAL.format(time
                .atZoneSameInstant(zone));
    }

    /**
     * The zone's offsets over the years the bookings fall in, one observance per transition (RFC 5545 3.6.5),
     * from the JDK's zone rules.
     */
    private static void timeZone(StringBuilder ics, ZoneId zone, List<Booking> bookings, OffsetDateTime stamp) {
        int from = bookings.stream().mapToInt(booking -> booking.start().getYear()).min().orElse(stamp.getYear());
        int to = bookings.stream().mapToInt(booking -> booking.end().getYear()).max().orElse(stamp.getYear());
        var rules = zone.getRules();
        line(ics, "BEGIN:VTIMEZONE");
        line(ics, "TZID:" + zone.getId());
        var start = java.time.LocalDate.of(from, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        var end = java.time.LocalDate.of(to + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        var offset = rules.getOffset(start);
        String first = rules.isDaylightSavings(start) ? "DAYLIGHT" : "STANDARD";
        line(ics, "BEGIN:" + first);
        line(ics, "DTSTART:" + LOCAL.format(start.atOffset(offset)));
        line(ics, "TZOFFSETFROM:" + offset(offset));
        line(ics, "TZOFFSETTO:" + offset(offset));
        line(ics, "END:" + first);
        for (var transition = rules.nextTransition(start); transition != null
                && transition.getInstant().isBefore(end); transition = rules.nextTransition(transition.getInstant())) {
            String kind = rules.isDaylightSavings(transition.getInstant()) ? "DAYLIGHT" : "STANDARD";
            line(ics, "BEGIN:" + kind);
            line(ics, "DTSTART:" + LOCAL.format(transition.getDateTimeBefore()));
            line(ics, "TZOFFSETFROM:" + offset(transition.getOffsetBefore()));
            line(ics, "TZOFFSETTO:" + offset(transition.getOffsetAfter()));
            line(ics, "END:" + kind);
        }
        line(ics, "END:VTIMEZONE");
    }

    /** +0200, as RFC 5545 writes a UTC offset. */
    private static String offset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        int minutes = Math.abs(seconds) / 60;
        return (seconds < 0 ? "-" : "+") + "%02d%02d".formatted(minutes / 60, minutes % 60);
    }

    private static String utc(OffsetDateTime time) {
        return UTC.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** RFC 5545 text: backslash, semicolon, comma and newline escaped. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n");
    }

    /** Lines end in CRLF and fold at 75 octets. */
    private static void line(StringBuilder ics, String content) {
        var remaining = content;
        boolean first = true;
        while (remaining.length() > (first ? 75 : 74)) {
            int cut = first ? 75 : 74;
            ics.append(first ? "" : " ").append(remaining, 0, cut).append("\r\n");
            remaining = remaining.substring(cut);
            first = false;
        }
        ics.append(first ? "" : " ").append(remaining).append("\r\n");
    }
}
