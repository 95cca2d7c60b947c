package org.broadcastallocation.notifications;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.util.HtmlUtils;

import org.broadcastallocation.events.LocalTimes;
import org.broadcastallocation.problem.ProblemDocument;

/**
 * What each fact says to an organisation: the webhook's data and the e-mail's plain text and HTML. Times are in the
 * event's own zone, named; each message ends with what the reader can do next.
 */
final class NoticeWording {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    private NoticeWording() {
    }

    record Place(String request, String type, String resource, OffsetDateTime start, OffsetDateTime end) {
    }

    record Waiting(String request, String type, List<String> reasons) {
    }

    static Notice roundPublished(String eventId, String eventName, ZoneId zone, int round, String organisation,
            List<Place> confirmed, List<Waiting> waitlisted) {
        var local = confirmed.stream().map(place -> new Place(place.request(), place.type(), place.resource(),
                LocalTimes.at(place.start(), zone), LocalTimes.at(place.end(), zone))).toList();
        var data = base(eventId, organisation);
        data.put("round", round);
        data.put("timeZone", zone.getId());
        data.put("confirmed", local);
        data.put("waitlisted", waitlisted);
        var text = new StringBuilder("Round " + round + " of " + eventName + " is published.\n\n");
        var html = new StringBuilder("<p>Round " + round + " of " + escape(eventName) + " is published.</p>");
        text.append("Confirmed (times in ").append(zone.getId()).append("):\n");
        html.append("<h3>Confirmed (times in ").append(zone.getId()).append(")</h3><ul>");
        if (local.isEmpty()) {
            text.append("  none\n");
            html.append("<li>none</li>");
        }
        for (var place : local) {
            String line = place.resource() + " (" + place.type() + "), " + span(place.start(), place.end())
                    + " - request " + place.request();
            text.append("  ").append(line).append('\n');
            html.append("<li>").append(escape(line)).append("</li>");
        }
        html.append("</ul>");
        if (!waitlisted.isEmpty()) {
            text.append("\nWaitlisted:\n");
            html.append("<h3>Waitlisted</h3><ul>");
            for (var waiting : waitlisted) {
                String line = "request " + waiting.request() + " (" + waiting.type() + "): "
                        + String.join("; ", waiting.reasons());
                text.append("  ").append(line).append('\n');
                html.append("<li>").append(escape(line)).append("</li>");
            }
            html.append("</ul>");
        }
        String next = "What next: a confirmed place is yours; be at the resource at its start. If you no longer need"
                + " it, cancel the request so that another broadcaster can have it. A waitlisted request stays in"
                + " for the next round: nothing to do, or amend it (a wider window helps) before the next round.";
        return notice("round.published", organisation, data, "Round " + round + " published: "
                + local.size() + " confirmed, " + waitlisted.size() + " waitlisted - " + eventName, text, html, next);
    }

    static Notice requestRejected(String eventId, String eventName, String organisation, String request,
            String reason) {
        var data = base(eventId, organisation);
        data.put("request", request);
        data.put("reason", reason);
        String said = "A planner of " + eventName + " rejected request " + request
                + (reason == null ? "." : ", saying: " + reason);
        String next = "What next: the request will not be allocated. If this is a mistake, write to the planners;"
                + " you may submit a new request while intake is open.";
        return notice("request.rejected", organisation, data, "Request " + request + " rejected - " + eventName,
                new StringBuilder(said + "\n"), new StringBuilder("<p>" + escape(said) + "</p>"), next);
    }

    static Notice allocationReleased(String eventId, String eventName, ZoneId zone, String organisation,
            String request, String resource, OffsetDateTime start, OffsetDateTime end) {
        var data = base(eventId, organisation);
        data.put("request", request);
        data.put("resource", resource);
        data.put("start", LocalTimes.at(start, zone));
        data.put("end", LocalTimes.at(end, zone));
        data.put("timeZone", zone.getId());
        String said = "Your cancellation of request " + request + " took effect: " + resource + ", "
                + span(LocalTimes.at(start, zone), LocalTimes.at(end, zone)) + " (" + zone.getId()
                + "), is given back.";
        String next = "What next: the place may go to another broadcaster. Submit a new request if you need one"
                + " again.";
        return notice("allocation.released", organisation, data, "Allocation of " + resource + " released - "
                + eventName, new StringBuilder(said + "\n"), new StringBuilder("<p>" + escape(said) + "</p>"), next);
    }

    static Notice offerMade(String eventId, String eventName, ZoneId zone, String organisation, String request,
            int round, String resource, OffsetDateTime start, OffsetDateTime end, OffsetDateTime expiresAt) {
        var data = base(eventId, organisation);
        data.put("request", request);
        data.put("round", round);
        data.put("resource", resource);
        data.put("start", LocalTimes.at(start, zone));
        data.put("end", LocalTimes.at(end, zone));
        data.put("expiresAt", LocalTimes.at(expiresAt, zone));
        data.put("timeZone", zone.getId());
        String said = "A place freed up and is offered to your request " + request + ": " + resource + ", "
                + span(LocalTimes.at(start, zone), LocalTimes.at(end, zone)) + " (" + zone.getId() + ").";
        String next = "What next: accept it before " + LocalTimes.at(expiresAt, zone).format(WHEN) + " ("
                + zone.getId() + ") with POST /api/events/" + eventId + "/offers/" + request + "/accept, or decline"
                + " it so that the next broadcaster may have it; unanswered, it goes on to the next.";
        return notice("offer.made", organisation, data, "Offer: " + resource + " for request " + request + " - "
                + eventName, new StringBuilder(said + "\n"), new StringBuilder("<p>" + escape(said) + "</p>"), next);
    }

    static Notice offerExpired(String eventId, String eventName, String organisation, String request, int round,
            String resource) {
        var data = base(eventId, organisation);
        data.put("request", request);
        data.put("round", round);
        data.put("resource", resource);
        String said = "The offer of " + resource + " to your request " + request + " expired unanswered; the place"
                + " goes to the next broadcaster.";
        String next = "What next: the request is waitlisted again and takes part in the next full round.";
        return notice("offer.expired", organisation, data, "Offer of " + resource + " expired - " + eventName,
                new StringBuilder(said + "\n"), new StringBuilder("<p>" + escape(said) + "</p>"), next);
    }

    /**
     * Staff's alone (no organisation's words, no e-mail): a late request missed the published plan, and a planner
     * may want to place it by hand or publish the fill it started.
     */
    static Notice requestLate(String eventId, ZoneId zone, ProblemDocument.Request request) {
        var data = base(eventId, request.organisation());
        data.put("request", request.id());
        data.put("type", request.type().name());
        data.put("window", LocalTimes.interval(request.window(), zone));
        data.put("durationMinutes", request.durationMinutes());
        data.put("crewSize", request.crewSize());
        data.put("submittedAt", LocalTimes.at(request.submittedAt(), zone));
        data.put("timeZone", zone.getId());
        return new Notice("request.late", null, data, null);
    }

    /** A late request for staff that is an amendment: the request as amended, and its version after it. */
    static Notice lateAmendment(String eventId, ZoneId zone, ProblemDocument.Request request, int version) {
        var late = requestLate(eventId, zone, request);
        late.data().put("amendment", true);
        late.data().put("version", version);
        return late;
    }

    private static Map<String, Object> base(String eventId, String organisation) {
        var data = new LinkedHashMap<String, Object>();
        data.put("event", eventId);
        data.put("organisation", organisation);
        return data;
    }

    private static Notice notice(String type, String organisation, Map<String, Object> data, String subject,
            StringBuilder text, StringBuilder html, String next) {
        text.append('\n').append(next).append('\n');
        html.append("<p><strong>").append(escape(next)).append("</strong></p>");
        return new Notice(type, organisation, data, new Notice.Mail(subject, text.toString(),
                "<html><body>" + html + "</body></html>"));
    }

    /** "Mon 23 Jun 2025, 09:00 to 11:00", or both dates when it runs over midnight. */
    static String span(OffsetDateTime start, OffsetDateTime end) {
        return WHEN.format(start) + " to " + (start.toLocalDate().equals(end.toLocalDate()) ? TIME.format(end)
                : WHEN.format(end));
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
