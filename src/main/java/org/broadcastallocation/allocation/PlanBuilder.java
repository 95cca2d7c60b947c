package org.broadcastallocation.allocation;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.broadcastallocation.problem.OrganisationKind;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ProblemDocument.Request;
import org.broadcastallocation.problem.ProblemValidator;

/**
 * Maps a (valid) problem document to the planning model: minutes instead of timestamps, each request's weight from
 * its priority and rank, and the placements that could ever serve it. The one place where document and model meet
 * on the way in; {@code report} is the way out.
 */
public final class PlanBuilder {

    private final ProblemDocument document;
    private final Timeline timeline;
    private final EventWeights weights;
    private final Map<String, PlanResource> resources = new LinkedHashMap<>();
    private final Map<PlacementKey, Placement> placements = new HashMap<>();

    private PlanBuilder(ProblemDocument document) {
        this.document = document;
        var event = document.event();
        this.timeline = new Timeline(event.start(), ZoneId.of(event.timeZone()));
        this.weights = EventWeights.of(event.weights());
    }

    /** @throws org.broadcastallocation.problem.InvalidProblemException listing every bad item */
    public static AllocationPlan build(ProblemDocument document) {
        ProblemValidator.requireValid(document);
        return new PlanBuilder(document).plan();
    }

    private AllocationPlan plan() {
        var zones = new HashMap<String, FibreZone>();
        document.zones().forEach(zone -> zones.put(zone.id(),
                new FibreZone(zone.id(), zone.fibreLinks() == null ? 0 : zone.fibreLinks())));
        var eventWindow = List.of(new MinuteInterval(0, minutes(document.event().end())));
        var openingHours = document.event().openingHours() == null || document.event().openingHours().isEmpty()
                ? eventWindow
                : document.event().openingHours().stream()
                        .map(hours -> new MinuteInterval(minutes(hours.from()), minutes(hours.to()))).toList();
        for (var resource : document.resources()) {
            var availability = resource.availability() == null || resource.availability().isEmpty()
                    ? (resource.type().isParking() ? eventWindow : openingHours)
                    : resource.availability().stream()
                            .map(interval -> new MinuteInterval(minutes(interval.from()), minutes(interval.to())))
                            .toList();
            resources.put(resource.id(), new PlanResource(resource.id(), resource.type(),
                    zones.getOrDefault(resource.zone(), new FibreZone(resource.zone(), 0)),
                    resource.x(), resource.y(), capacity(resource),
                    resource.features() == null ? Set.of() : resource.features(), availability));
        }
        var site = new Site(resources.values());
        var kinds = new HashMap<String, OrganisationKind>();
        document.organisations().forEach(organisation -> kinds.put(organisation.id(), organisation.kind()));
        var ranks = ranks(document.requests());
        var pins = byRequest(document.pinned());
        var previous = byRequest(document.previousAllocations());

        var bookings = new ArrayList<Booking>();
        for (Request request : document.requests()) {
            var demand = demand(request, kinds.get(request.organisation()), ranks.get(request.id()), site);
            var pinned = placementOf(pins.get(request.id()), demand);
            var candidates = candidates(demand);
            if (pinned != null && !candidates.contains(pinned)) {
                candidates.add(pinned);
            }
            bookings.add(new Booking(demand, List.copyOf(candidates), pinned,
                    placementOf(previous.get(request.id()), demand)));
        }
        // The construction heuristic takes the entities in list order: heavier requests first, as a planner would.
        bookings.sort(Comparator.comparingInt((Booking booking) -> -booking.weight())
                .thenComparingInt(booking -> booking.demand().rank())
                .thenComparing(Booking::id));
        return new AllocationPlan(timeline, List.copyOf(resources.values()), bookings,
                weights.asConstraintWeights());
    }

    /** People for rooms and positions; centimetres for parking, as vehicle lengths are. */
    private static Integer capacity(ProblemDocument.Resource resource) {
        if (resource.capacity() == null) {
            return null;
        }
        return resource.type().isParking() ? Centimetres.of(resource.capacity()) : resource.capacity().wholeNumber();
    }

    private Demand demand(Request request, OrganisationKind kind, int rank, Site site) {
        int windowStart = minutes(request.window().from());
        int windowEnd = minutes(request.window().to());
        int windowLength = windowEnd - windowStart;
        boolean slot = request.durationMinutes() != null && request.durationMinutes() < windowLength;
        int duration = slot ? request.durationMinutes() : windowLength;
        var event = document.event();
        boolean late = event.requestDeadline() != null && request.submittedAt() != null
                && request.submittedAt().isAfter(event.requestDeadline());
        int priority = late ? 3 : (request.priority() == null ? 2 : request.priority());
        var vehicle = request.vehicle();
        return new Demand(request.id(), request.organisation(), kind, request.type(), windowStart, windowEnd,
                duration, slot, request.crewSize(), vehicle == null ? null : vehicle.kind(),
                vehicle == null ? null : Centimetres.of(vehicle.lengthMetres()), request.requiredFeatures(),
                request.preferredFeatures(),
                request.preferredStart() == null ? null : minutes(request.preferredStart()),
                request.fibre(), priority, rank, weights.unservedWeight(priority, rank),
                event.quota() == null ? null : event.quota().get(request.type()), site);
    }

    /**
     * Every placement that breaks no rule of the request and resource alone (type, capacity, features,
     * eligibility, availability, a zone with fibre, a non-zero quota). Rules between requests are the solver's.
     */
    private List<Placement> candidates(Demand demand) {
        var candidates = new ArrayList<Placement>();
        if (demand.quota() != null && demand.quota() == 0) {
            return candidates;
        }
        int lastStart = demand.slot() ? demand.windowEnd() - demand.durationMinutes() : demand.windowStart();
        for (PlanResource resource : resources.values()) {
            if (!StaticFit.fits(demand, resource)) {
                continue;
            }
            for (int start = demand.windowStart(); start <= lastStart; start += Timeline.GRAIN_MINUTES) {
                int end = start + demand.durationMinutes();
                if (resource.isAvailable(start, end)) {
                    candidates.add(intern(resource, start, end));
                }
            }
        }
        return candidates;
    }

    private Placement placementOf(ProblemDocument.Placement placement, Demand demand) {
        if (placement == null) {
            return null;
        }
        int start = minutes(placement.start());
        return intern(resources.get(placement.resource()), start, start + demand.durationMinutes());
    }

    private Placement intern(PlanResource resource, int start, int end) {
        return placements.computeIfAbsent(new PlacementKey(resource.id(), start, end),
                key -> new Placement(resource, start, end));
    }

    /** Rank among the same organisation's requests of the same type: by submission (missing: last), then id. */
    static Map<String, Integer> ranks(List<Request> requests) {
        var groups = new HashMap<String, List<Request>>();
        for (Request request : requests) {
            groups.computeIfAbsent(request.organisation() + "\u0000" + request.type(), key -> new ArrayList<>())
                    .add(request);
        }
        var ranks = new HashMap<String, Integer>();
        for (var group : groups.values()) {
            group.sort(Request.BY_SUBMISSION);
            for (int i = 0; i < group.size(); i++) {
                ranks.put(group.get(i).id(), i + 1);
            }
        }
        return ranks;
    }

    private static Map<String, ProblemDocument.Placement> byRequest(List<ProblemDocument.Placement> placements) {
        var byRequest = new HashMap<String, ProblemDocument.Placement>();
        placements.forEach(placement -> byRequest.put(placement.request(), placement));
        return byRequest;
    }

    private int minutes(OffsetDateTime time) {
        return timeline.minutes(time);
    }

    private record PlacementKey(String resource, int start, int end) {
    }
}
