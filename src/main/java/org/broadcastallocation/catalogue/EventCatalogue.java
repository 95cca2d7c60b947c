package org.broadcastallocation.catalogue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.broadcastallocation.audit.AuditAction;
import org.broadcastallocation.audit.AuditLog;
import org.broadcastallocation.common.Conflict;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.events.LocalTimes;
import org.broadcastallocation.events.Organisations;
import org.broadcastallocation.events.PreviousPlacements;
import org.broadcastallocation.events.Sites;
import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ProblemValidator;
import org.broadcastallocation.requests.Pins;
import org.broadcastallocation.requests.RequestStatus;
import org.broadcastallocation.requests.Requests;
import org.broadcastallocation.requests.StoredRequest;

/**
 * Events in and out as problem documents: an import is validated like the command line does and lands whole or not
 * at all; an export is the current problem (open requests, published pins, the last unpublished round's placements)
 * that the command line can solve.
 */
@Service
public class EventCatalogue {

    private final Events events;
    private final Organisations organisations;
    private final Sites sites;
    private final Requests requests;
    private final Pins pins;
    private final AuditLog audit;
    private final PreviousPlacements previous;

    public EventCatalogue(Events events, Organisations organisations, Sites sites, Requests requests, Pins pins,
            AuditLog audit, PreviousPlacements previous) {
        this.events = events;
        this.organisations = organisations;
        this.sites = sites;
        this.requests = requests;
        this.pins = pins;
        this.audit = audit;
        this.previous = previous;
    }

    public record Imported(String eventId, int zones, int organisations, int resources, int requests, int pinned) {
    }

    @Transactional
    public Imported importDocument(ProblemDocument document, String actor) {
        ProblemValidator.requireImportable(document);
        var event = document.event();
        if (events.exists(event.id())) {
            throw new EventAlreadyExists("event " + event.id() + " exists already; import it under another id");
        }
        events.insert(event);
        document.zones().forEach(zone -> sites.insertZone(event.id(), zone));
        document.organisations().forEach(organisation -> organisations.insert(event.id(), organisation));
        document.resources().forEach(resource -> sites.insertResource(event.id(), resource));
        var pinnedIds = new HashSet<String>();
        document.pinned().forEach(pin -> pinnedIds.add(pin.request()));
        var durations = new HashMap<String, ProblemDocument.Request>();
        for (var request : document.requests()) {
            requests.insert(event.id(), request,
                    pinnedIds.contains(request.id()) ? RequestStatus.CONFIRMED : RequestStatus.SUBMITTED);
            durations.put(request.id(), request);
        }
        for (var pin : document.pinned()) {
            var request = durations.get(pin.request());
            pins.pin(event.id(), new Pins.Pin(pin.request(), pin.resource(), pin.start(),
                    pin.start().plusMinutes(lengthMinutes(request)), 0));
        }
        var imported = new Imported(event.id(), document.zones().size(), document.organisations().size(),
                document.resources().size(), document.requests().size(), document.pinned().size());
        audit.record(actor, AuditAction.IMPORT_EVENT, event.id(), "event", event.id(), null, imported);
        return imported;
    }

    /**
     * The problem as it stands: open requests, published pins, and where the last unpublished round put requests
     * (so that a new round moves as little as it must). Times are given in the event's own offset.
     */
    @Transactional(readOnly = true)
    public ProblemDocument currentProblem(String eventId) {
        var stored = events.require(eventId);
        var zone = ZoneId.of(stored.event().timeZone());
        var open = requests.withStatus(eventId, List.of(RequestStatus.SUBMITTED, RequestStatus.ALLOCATED,
                RequestStatus.WAITLISTED, RequestStatus.OFFERED, RequestStatus.CONFIRMED));
        var openIds = new HashSet<String>();
        var documentRequests = new ArrayList<ProblemDocument.Request>();
        for (StoredRequest request : open) {
            openIds.add(request.id());
            documentRequests.add(LocalTimes.request(request.request(), zone));
        }
        var pinned = pins.ofEvent(eventId).stream().filter(pin -> openIds.contains(pin.requestId()))
                .map(pin -> new ProblemDocument.Placement(pin.requestId(), pin.resourceId(),
                        LocalTimes.at(pin.start(), zone)))
                .toList();
        var pinnedIds = new HashSet<String>();
        pinned.forEach(pin -> pinnedIds.add(pin.request()));
        var resources = sites.resources(eventId, false);
        var resourceIds = new HashSet<String>();
        resources.forEach(resource -> resourceIds.add(resource.id()));
        var previousPlacements = previous.of(eventId).stream()
                .filter(placement -> openIds.contains(placement.request()) && !pinnedIds.contains(placement.request())
                        && resourceIds.contains(placement.resource()))
                .map(placement -> new ProblemDocument.Placement(placement.request(), placement.resource(),
                        LocalTimes.at(placement.start(), zone)))
                .toList();
        return new ProblemDocument(LocalTimes.event(stored.event(), zone), sites.zones(eventId),
                organisations.ofEvent(eventId), withPinnedResources(eventId, resources, pinned), documentRequests,
                pinned, previousPlacements);
    }

    /** A closed resource that holds a published allocation stays in the problem: the promise stands. */
    private List<ProblemDocument.Resource> withPinnedResources(String eventId, List<ProblemDocument.Resource> open,
            List<ProblemDocument.Placement> pinned) {
        var ids = new HashSet<String>();
        open.forEach(resource -> ids.add(resource.id()));
        var needed = new HashSet<String>();
        pinned.stream().map(ProblemDocument.Placement::resource).filter(id -> !ids.contains(id)).forEach(needed::add);
        if (needed.isEmpty()) {
            return open;
        }
        var all = new ArrayList<>(open);
        sites.resources(eventId, true).stream().filter(resource -> needed.contains(resource.id())).forEach(all::add);
        all.sort(Comparator.comparing(ProblemDocument.Resource::id));
        return all;
    }

    private static long lengthMinutes(ProblemDocument.Request request) {
        long window = Duration.between(request.window().from(), request.window().to()).toMinutes();
        return request.durationMinutes() == null ? window : Math.min(window, request.durationMinutes());
    }
}
