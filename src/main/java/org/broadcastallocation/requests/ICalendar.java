package org.broadcastallocation.requests;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** An organisation's confirmed bookings as an RFC 5545 calendar feed, one VEVENT per allocation. */
public final class ICalendar {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private ICalendar() {
    }

    public record Booking(String requestId, String type, String resourceId, OffsetDateTime start,
            OffsetDateTime end) {
    }

    public static String of(String eventId, String eventName, String organisationId, List<Booking> bookings,
            OffsetDateTime stamp) {
        var ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//broadcast-allocation//bookings//EN");
        line(ics, "CALSCALE:GREGORIAN");
        line(ics, "X-WR-CALNAME:" + escape(eventName + " - " + organisationId));
        for (Booking booking : bookings) {
            line(ics, "BEGIN:VEVENT");
            line(ics, "UID:" + escape(eventId + "/" + booking.requestId()) + "@broadcast-allocation");
            line(ics, "DTSTAMP:" + utc(stamp));
            line(ics, "DTSTART:" + utc(booking.start()));
            line(ics, "DTEND:" + utc(booking.end()));
            line(ics, "SUMMARY:" + escape(booking.type() + " " + booking.resourceId()));
            line(ics, "DESCRIPTION:" + escape("Request " + booking.requestId() + ", confirmed"));
            line(ics, "LOCATION:" + escape(booking.resourceId()));
            line(ics, "END:VEVENT");
        }
        line(ics, "END:VCALENDAR");
        return ics.toString();
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
