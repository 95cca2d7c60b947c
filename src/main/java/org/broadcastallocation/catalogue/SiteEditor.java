package org.broadcastallocation.catalogue;

import java.util.ArrayList;
import java.util.List;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.broadcastallocation.audit.AuditAction;
import org.broadcastallocation.audit.AuditLog;
import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.common.RequestRejected;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.events.Organisations;
import org.broadcastallocation.events.Sites;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ProblemValidator;
import org.broadcastallocation.problem.Violation;
import org.broadcastallocation.requests.Pins;

/**
 * A planner's changes to an event's site and organisations after import. Each change is checked with the same
 * validator as a whole document (the event with that one item), and audited.
 */
@Service
class SiteEditor {

    private final Events events;
    private final Organisations organisations;
    private final Sites sites;
    private final AuditLog audit;
    private final Pins pins;

    public SiteEditor(Events events, Organisations organisations, Sites sites, AuditLog audit, Pins pins) {
        this.pins = pins;
        this.events = events;
        this.organisations = organisations;
        this.sites = sites;
        this.audit = audit;
    }

    public record ResourceView(ProblemDocument.Resource resource, boolean closed) {
    }

    @Transactional
    public ProblemDocument.Resource putResource(String eventId, String id, ProblemDocument.Resource body,
            boolean closed, String actor) {
        var event = events.require(eventId).event();
        var resource = new ProblemDocument.Resource(id, body.type(), body.zone(), body.x(), body.y(), body.capacity(),
                body.features(), body.availability());
        var before = sites.resources(eventId, true).stream().filter(r -> r.id().equals(id)).findFirst();
        check(new ProblemDocument(event, List.of(), List.of(), List.of(resource), List.of(), List.of(), List.of()),
                before.isEmpty(), "resources[" + id + "]", id);
        if (before.isPresent() && !before.get().sameForTheRules(resource)) {
            // A pin must fit its resource as it is now: what a rule reads of a promised place does not change.
            var promised = pins.onResource(eventId, id);
            if (!promised.isEmpty()) {
                throw new ResourceHoldsPublishedAllocations("resource " + id + " holds published allocations ("
                        + String.join(", ", promised.stream().map(Pins.Pin::requestId).toList())
                        + "): only its position may change, or"
                        + " it may be closed; cancel or reject those first to change its type, zone, capacity,"
                        + " features or availability");
            }
        }
        if (before.isPresent()) {
            sites.updateResource(eventId, resource, closed);
        } else {
            sites.insertResource(eventId, resource);
            if (closed) {
                sites.updateResource(eventId, resource, true);
            }
        }
        audit.record(actor, before.isPresent() ? AuditAction.UPDATE : AuditAction.CREATE, eventId, "resource", id,
                before.orElse(null), new ResourceView(resource, closed));
        return resource;
    }

    @Transactional
    public void putZone(String eventId, String id, ProblemDocument.Zone body, String actor) {
        var event = events.require(eventId).event();
        var zone = new ProblemDocument.Zone(id, body.fibreLinks());
        if (zone.fibreLinks() == null) {
            throw new RequestRejected(List.of(new Violation("zones[" + id + "]", "fibreLinks",
                    "must be a whole number, 0 or more")));
        }
        var before = sites.zones(eventId).stream().filter(z -> z.id().equals(id)).findFirst();
        check(new ProblemDocument(event, List.of(zone), List.of(), List.of(), List.of(), List.of(), List.of()),
                before.isEmpty(), "zones[" + id + "]", id);
        if (before.isPresent()) {
            sites.updateZone(eventId, zone);
        } else {
            sites.insertZone(eventId, zone);
        }
        audit.record(actor, before.isPresent() ? AuditAction.UPDATE : AuditAction.CREATE, eventId, "zone", id, before.orElse(null), zone);
    }

    @Transactional
    public void putOrganisation(String eventId, String id, ProblemDocument.Organisation body, String actor) {
        var event = events.require(eventId).event();
        var organisation = new ProblemDocument.Organisation(id, body.name(), body.kind(), body.country());
        var before = organisations.find(eventId, id);
        check(new ProblemDocument(event, List.of(), List.of(organisation), List.of(), List.of(), List.of(),
                List.of()), before.isEmpty(), "organisations[" + id + "]", id);
        if (before.isPresent()) {
            organisations.update(eventId, organisation);
        } else {
            organisations.insert(eventId, organisation);
        }
        audit.record(actor, before.isPresent() ? AuditAction.UPDATE : AuditAction.CREATE, eventId, "organisation", id,
                before.orElse(null), organisation);
    }

    /** Deletes a resource, zone or organisation nothing refers to; otherwise says what still does. */
    @Transactional
    public void delete(String table, String eventId, String id, String actor) {
        events.require(eventId);
        try {
            boolean deleted = table.equals("organisation") ? organisations.delete(eventId, id)
                    : sites.delete(table, eventId, id);
            if (!deleted) {
                throw new NotFound(table + " " + id);
            }
        } catch (DataIntegrityViolationException e) {
            throw new SiteItemStillReferredTo(table + " " + id + " is still referred to (published allocations or"
                    + " requests);" + (table.equals("resource") ? " close it instead" : " remove those first"));
        }
        audit.record(actor, AuditAction.DELETE, eventId, table, id, null, null);
    }

    /**
     * As an imported document is checked, and a new item's id one its address can carry (an item stored before that
     * rule keeps its id and can still be changed).
     */
    private static void check(ProblemDocument document, boolean isNew, String item, String id) {
        var violations = new ArrayList<>(ProblemValidator.validate(document));
        if (isNew) {
            ProblemValidator.unaddressable(item, id).ifPresent(violations::add);
        }
        if (!violations.isEmpty()) {
            throw new RequestRejected(violations);
        }
    }
}
