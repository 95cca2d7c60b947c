package org.broadcastallocation.promises;

import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.OrganisationKind.NATIONAL_DELEGATION;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;
import static org.broadcastallocation.problem.ResourceType.PARKING_OB;
import static org.broadcastallocation.problem.ResourceType.PARKING_SNG;
import static org.broadcastallocation.problem.ResourceType.STANDUP_INDOOR;
import static org.broadcastallocation.problem.ResourceType.STANDUP_OUTDOOR;
import static org.broadcastallocation.problem.ResourceType.TV_STUDIO;
import static org.broadcastallocation.problem.VehicleKind.OB;
import static org.broadcastallocation.problem.VehicleKind.SNG;

import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.broadcastallocation.Fixture;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ResourceType;
import org.broadcastallocation.problem.VehicleKind;

/**
 * The small event every sequence runs on, a fresh copy each time: 8 resources, 16 requests of 3 organisations that
 * compete (4 booths for 2 booths with one fibre link and a booth quota of 1, overlapping stand-ups, studio slots that
 * do not all fit, one van per parking space), and for each request the other shapes an amendment may give it (another
 * window or another type). Its deadline (6 June 2025) is long past, so a submission through the API is late.
 */
final class PromiseEvent {

    static final List<String> ORGANISATIONS = List.of("nos", "bbc", "nl");

    /** What a request asks for; times are "24 07:00" (day of June 2025, Europe/Amsterdam). */
    record Shape(ResourceType type, String from, String to, Integer duration, Integer crew, VehicleKind vehicle,
            Integer metres, boolean fibre) {

        Shape type(ResourceType other) {
            return new Shape(other, from, to, duration, crew, vehicle, metres, fibre);
        }

        Shape window(String otherFrom, String otherTo) {
            return new Shape(type, otherFrom, otherTo, duration, crew, vehicle, metres, fibre);
        }

        /** The body of a submission or an amendment. */
        ObjectNode json(String id) {
            var body = JsonNodeFactory.instance.objectNode();
            body.put("id", id);
            body.put("type", type.name());
            var window = body.putObject("window");
            window.put("from", Fixture.at(from).toString());
            window.put("to", Fixture.at(to).toString());
            if (duration != null) {
                body.put("durationMinutes", duration);
            }
            if (crew != null) {
                body.put("crewSize", crew);
            }
            if (vehicle != null) {
                body.putObject("vehicle").put("kind", vehicle.name()).put("lengthMetres", metres);
            }
            body.put("needsFibre", fibre);
            return body;
        }

        @Override
        public String toString() {
            return type + " " + from + "-" + to + (duration == null ? "" : " slot " + duration + "'");
        }
    }

    /** A request and the shapes it may take: the first is the one it is submitted with. */
    record Template(String id, String organisation, List<Shape> shapes) {
    }

    record Place(String id, ResourceType type, String zone, int x, int y, int capacity) {
        ObjectNode json() {
            var body = JsonNodeFactory.instance.objectNode();
            body.put("id", id).put("type", type.name()).put("zone", zone).put("x", x).put("y", y)
                    .put("capacity", capacity);
            body.putArray("features");
            body.putArray("availability");
            return body;
        }
    }

    static final List<Place> RESOURCES = List.of(
            new Place("EB-1", EDIT_BOOTH, "EDIT", 550, 0, 2),
            new Place("EB-2", EDIT_BOOTH, "EDIT", 560, 0, 3),
            new Place("SI-1", STANDUP_INDOOR, "EDIT", 450, 0, 2),
            new Place("SO-1", STANDUP_OUTDOOR, "OUT", 600, 0, 3),
            new Place("SO-2", STANDUP_OUTDOOR, "OUT", 620, 0, 1),
            new Place("TV-1", TV_STUDIO, "EDIT", 500, 20, 6),
            new Place("SNG-1", PARKING_SNG, "PARK", 0, 0, 10),
            new Place("OB-1", PARKING_OB, "PARK", 0, 20, 16));

    private static final String WHOLE_FROM = "23 09:00";
    private static final String END = "26 02:00";

    private static Shape booth(String from, String to, int crew, boolean fibre) {
        return new Shape(EDIT_BOOTH, from, to, null, crew, null, null, fibre);
    }

    private static Shape of(ResourceType type, String from, String to, Integer duration, int crew) {
        return new Shape(type, from, to, duration, crew, null, null, false);
    }

    private static Shape van(ResourceType type, String from, VehicleKind kind, int metres, boolean fibre) {
        return new Shape(type, from, END, null, null, kind, metres, fibre);
    }

    private static Template request(String id, String organisation, Shape shape, Shape... others) {
        var shapes = new java.util.ArrayList<Shape>();
        shapes.add(shape);
        shapes.addAll(List.of(others));
        return new Template(id, organisation, List.copyOf(shapes));
    }

    /** The imported requests, in order of submission (1 to 16 May). */
    static final List<Template> REQUESTS = List.of(
            booths("b1", "nos", booth(WHOLE_FROM, END, 2, true)),
            booths("b2", "bbc", booth(WHOLE_FROM, END, 2, true)),
            booths("b3", "nl", booth("24 07:00", END, 3, false)),
            booths("b4", "nos", booth(WHOLE_FROM, "25 18:00", 1, false)),
            indoor("i1", "nos", of(STANDUP_INDOOR, "24 07:00", "25 18:00", null, 2)),
            indoor("i2", "bbc", of(STANDUP_INDOOR, "24 12:00", "25 12:00", null, 1)),
            outdoor("o1", "nos", of(STANDUP_OUTDOOR, "24 07:00", "24 11:00", 120, 2)),
            outdoor("o2", "bbc", of(STANDUP_OUTDOOR, "24 07:00", "24 11:00", 120, 1)),
            outdoor("o3", "nl", of(STANDUP_OUTDOOR, "24 08:00", "24 12:00", 180, 3)),
            request("o4", "bbc", of(STANDUP_OUTDOOR, "24 13:00", "25 18:00", null, 1),
                    of(STANDUP_OUTDOOR, "25 07:00", "25 18:00", null, 1),
                    of(STANDUP_INDOOR, "24 13:00", "25 18:00", null, 1)),
            studio("t1", of(TV_STUDIO, "24 09:00", "24 11:00", 60, 4)),
            studio("t2", of(TV_STUDIO, "24 09:00", "24 11:00", 90, 6)),
            parking("p1", "nos", van(PARKING_SNG, "22 12:00", SNG, 8, true)),
            parking("p2", "bbc", van(PARKING_SNG, "23 09:00", SNG, 6, false)),
            request("p3", "nl", van(PARKING_OB, "22 12:00", OB, 14, false),
                    van(PARKING_OB, "23 08:00", OB, 14, false), van(PARKING_OB, "22 18:00", OB, 12, false)),
            parking("p4", "bbc", van(PARKING_OB, "22 14:00", SNG, 5, false)));

    /** Late submissions (priority 3, once late intake is open): ids late-1, late-2, ... */
    static final List<Template> LATE = List.of(
            request("late", "bbc", booth("24 07:00", END, 2, false), booth("24 07:00", END, 2, false)
                    .type(STANDUP_INDOOR)),
            request("late", "nl", of(STANDUP_OUTDOOR, "24 13:00", "24 18:00", 60, 1),
                    of(STANDUP_OUTDOOR, "25 07:00", "25 12:00", 60, 1)),
            request("late", "nos", van(PARKING_SNG, "23 10:00", SNG, 6, false),
                    van(PARKING_OB, "23 10:00", SNG, 6, false)),
            request("late", "nos", of(STANDUP_INDOOR, "25 07:00", "25 18:00", null, 1),
                    of(STANDUP_INDOOR, "24 07:00", "24 18:00", null, 1)),
            request("late", "nl", of(TV_STUDIO, "24 09:00", "24 11:00", 60, 2),
                    of(TV_STUDIO, "24 13:00", "24 15:00", 60, 2)));

    private static Template booths(String id, String organisation, Shape shape) {
        return request(id, organisation, shape, shape.type(STANDUP_INDOOR), shape.window("24 07:00", "25 18:00"));
    }

    private static Template indoor(String id, String organisation, Shape shape) {
        return request(id, organisation, shape, shape.type(EDIT_BOOTH), shape.window("25 07:00", "25 18:00"));
    }

    private static Template outdoor(String id, String organisation, Shape shape) {
        return request(id, organisation, shape, shape.window("24 13:00", "24 18:00"), shape.type(STANDUP_INDOOR));
    }

    private static Template studio(String id, Shape shape) {
        return request(id, "nl", shape, shape.window("24 11:00", "24 14:00"), shape.window("24 15:00", "24 17:00"));
    }

    private static Template parking(String id, String organisation, Shape shape) {
        var otherType = shape.type() == PARKING_SNG ? PARKING_OB : PARKING_SNG;
        return request(id, organisation, shape, van(shape.type(), "23 08:00", shape.vehicle(), shape.metres(),
                shape.fibre()), shape.type(otherType));
    }

    private PromiseEvent() {
    }

    /** The event as imported (its id is set by the importer). */
    static ProblemDocument document() {
        var fixture = Fixture.hague().zone("EDIT", 1).zone("OUT", 0).zone("PARK", 1)
                .organisation("nos", BROADCASTER).organisation("bbc", BROADCASTER)
                .organisation("nl", NATIONAL_DELEGATION)
                .quota(EDIT_BOOTH, 1).quota(STANDUP_OUTDOOR, 1);
        for (var place : RESOURCES) {
            fixture.resource(place.id(), place.type(), place.zone(), place.x(), place.y(), place.capacity());
        }
        int day = 1;
        for (var template : REQUESTS) {
            var shape = template.shapes().get(0);
            var request = fixture.request(template.id(), template.organisation(), shape.type())
                    .window(shape.from(), shape.to()).submittedMay(day++);
            if (shape.duration() != null) {
                request.slot(shape.duration());
            }
            if (shape.crew() != null) {
                request.crew(shape.crew());
            }
            if (shape.vehicle() != null) {
                request.vehicle(shape.vehicle(), shape.metres());
            }
            if (shape.fibre()) {
                request.fibre();
            }
        }
        return fixture.document();
    }
}
