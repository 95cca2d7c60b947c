package org.broadcastallocation.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.broadcastallocation.problem.OrganisationKind;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ProblemDocument.Interval;
import org.broadcastallocation.problem.ResourceType;
import org.broadcastallocation.problem.VehicleKind;
import org.broadcastallocation.report.AllocationReport;
import org.broadcastallocation.report.AllocationReport.Allocation;

/**
 * The spec's nine hard rules, plus the request's own window and the 15-minute grain, checked straight from the
 * problem document and a report's allocations, written apart from the solver's constraints: a second opinion that
 * shares no code with what it checks (the score recomputation in {@link ReportCheck} uses the same constraints as
 * the solver, so it cannot catch a rule that is wrong in both).
 */
final class IndependentHardRules {

    private final ProblemDocument document;
    private final Map<String, ProblemDocument.Request> requests = new HashMap<>();
    private final Map<String, ProblemDocument.Resource> resources = new HashMap<>();
    private final Map<String, OrganisationKind> kinds = new HashMap<>();
    private final Map<String, Integer> fibreLinks = new HashMap<>();
    private final List<String> broken = new ArrayList<>();

    private IndependentHardRules(ProblemDocument document) {
        this.document = document;
        document.requests().forEach(request -> requests.put(request.id(), request));
        document.resources().forEach(resource -> resources.put(resource.id(), resource));
        document.organisations().forEach(organisation -> kinds.put(organisation.id(), organisation.kind()));
        document.zones().forEach(zone -> fibreLinks.put(zone.id(), zone.fibreLinks()));
    }

    /** Every hard rule the report's allocations break, in words; empty when none. */
    static List<String> broken(ProblemDocument document, AllocationReport report) {
        var check = new IndependentHardRules(document);
        check.each(report.allocations());
        check.noDoubleBooking(report.allocations());
        check.fibre(report.allocations());
        check.quota(report.allocations());
        check.pins(report.allocations());
        return check.broken;
    }

    private void each(List<Allocation> allocations) {
        for (var allocation : allocations) {
            var request = requests.get(allocation.request());
            var resource = resources.get(allocation.resource());
            String who = allocation.request() + " on " + allocation.resource();
            if (request == null || resource == null) {
                broken.add(who + ": unknown request or resource");
                continue;
            }
            long minutes = Duration.between(allocation.start(), allocation.end()).toMinutes();
            long wanted = request.durationMinutes() != null ? request.durationMinutes()
                    : Duration.between(request.window().from(), request.window().to()).toMinutes();
            if (minutes != wanted) {
                broken.add(who + ": lasts " + minutes + " minutes, asked for " + wanted);
            }
            if (allocation.start().toEpochSecond() % 900 != 0) {
                broken.add(who + ": starts off the 15-minute grain");
            }
            var window = request.window();
            if (allocation.start().isBefore(window.from()) || allocation.end().isAfter(window.to())) {
                broken.add(who + ": outside the request's window");
            }
            if (resource.type() != request.type()) {
                broken.add(who + ": type " + resource.type() + " for a " + request.type() + " request");
            }
            capacity(who, request, resource);
            if (!covered(availability(resource), allocation.start(), allocation.end())) {
                broken.add(who + ": outside the resource's availability");
            }
            var features = resource.features() == null ? java.util.Set.<String>of() : resource.features();
            if (request.requiredFeatures() != null && !features.containsAll(request.requiredFeatures())) {
                broken.add(who + ": lacks a required feature");
            }
            var kind = kinds.get(request.organisation());
            if (request.type() == ResourceType.TV_STUDIO && kind != OrganisationKind.NATIONAL_DELEGATION
                    && kind != OrganisationKind.HOST_BROADCASTER) {
                broken.add(who + ": a TV studio for a " + kind);
            }
        }
    }

    private void capacity(String who, ProblemDocument.Request request, ProblemDocument.Resource resource) {
        boolean parking = resource.type() == ResourceType.PARKING_SNG || resource.type() == ResourceType.PARKING_OB;
        var vehicle = request.vehicle();
        if (parking && vehicle != null) {
            // Decimal metres compared as written (BigDecimal), not in the engine's centimetres.
            if (resource.capacity() != null && vehicle.lengthMetres() != null
                    && vehicle.lengthMetres().value().compareTo(resource.capacity().value()) > 0) {
                broken.add(who + ": a " + vehicle.lengthMetres() + " m van in " + resource.capacity() + " m");
            }
            if (vehicle.kind() == VehicleKind.OB && resource.type() != ResourceType.PARKING_OB) {
                broken.add(who + ": an OB van outside OB parking");
            }
        }
        if (!parking && request.crewSize() != null && resource.capacity() != null
                && BigDecimal.valueOf(request.crewSize()).compareTo(resource.capacity().value()) > 0) {
            broken.add(who + ": a crew of " + request.crewSize() + " in room for " + resource.capacity());
        }
    }

    private List<Interval> availability(ProblemDocument.Resource resource) {
        var event = document.event();
        List<Interval> intervals = resource.availability();
        if (intervals == null || intervals.isEmpty()) {
            boolean parking = resource.type() == ResourceType.PARKING_SNG
                    || resource.type() == ResourceType.PARKING_OB;
            intervals = parking || event.openingHours() == null || event.openingHours().isEmpty()
                    ? List.of(new Interval(event.start(), event.end())) : event.openingHours();
        }
        var sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparing(Interval::from));
        var merged = new ArrayList<Interval>();
        for (var interval : sorted) {
            var last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !interval.from().isAfter(last.to())) {
                merged.set(merged.size() - 1, new Interval(last.from(),
                        interval.to().isAfter(last.to()) ? interval.to() : last.to()));
            } else {
                merged.add(interval);
            }
        }
        return merged;
    }

    /** Starts inside one interval and ends inside one (its end may be an interval's end). */
    private static boolean covered(List<Interval> intervals, OffsetDateTime start, OffsetDateTime end) {
        boolean startsInside = intervals.stream()
                .anyMatch(i -> !start.isBefore(i.from()) && start.isBefore(i.to()));
        boolean endsInside = intervals.stream().anyMatch(i -> end.isAfter(i.from()) && !end.isAfter(i.to()));
        return startsInside && endsInside;
    }

    private void noDoubleBooking(List<Allocation> allocations) {
        overCount(allocations, Allocation::resource, key -> 1, "double-booked");
    }

    private void fibre(List<Allocation> allocations) {
        var needing = allocations.stream().filter(a -> requests.containsKey(a.request())
                && requests.get(a.request()).fibre() && resources.containsKey(a.resource())).toList();
        overCount(needing, a -> resources.get(a.resource()).zone(), zone -> fibreLinks.getOrDefault(zone, 0),
                "fibre links over");
    }

    private void quota(List<Allocation> allocations) {
        var quota = document.event().quota() == null ? Map.<ResourceType, Integer>of() : document.event().quota();
        var limited = allocations.stream().filter(a -> requests.containsKey(a.request())
                && quota.containsKey(requests.get(a.request()).type())).toList();
        overCount(limited, a -> requests.get(a.request()).organisation() + "/" + requests.get(a.request()).type(),
                key -> quota.get(ResourceType.valueOf(key.substring(key.indexOf('/') + 1))), "quota over");
    }

    /** Per group, at no moment more allocations at once than the group's limit. */
    private void overCount(List<Allocation> allocations, Function<Allocation, String> group,
            Function<String, Integer> limit, String rule) {
        var byGroup = new HashMap<String, List<Allocation>>();
        allocations.forEach(a -> byGroup.computeIfAbsent(group.apply(a), key -> new ArrayList<>()).add(a));
        byGroup.forEach((key, members) -> {
            // +1 at each start, -1 at each end; ends before starts at the same instant (half-open intervals).
            var changes = new ArrayList<Map.Entry<OffsetDateTime, Integer>>();
            members.forEach(a -> {
                changes.add(Map.entry(a.start(), 1));
                changes.add(Map.entry(a.end(), -1));
            });
            changes.sort(Comparator.comparing((Map.Entry<OffsetDateTime, Integer> e) -> e.getKey().toInstant())
                    .thenComparing(Map.Entry::getValue));
            int running = 0;
            for (var change : changes) {
                running += change.getValue();
                if (running > limit.apply(key)) {
                    broken.add(rule + " " + key + " at " + change.getKey() + ": " + running + " at once");
                    return;
                }
            }
        });
    }

    private void pins(List<Allocation> allocations) {
        var placed = new HashMap<String, Allocation>();
        allocations.forEach(a -> placed.put(a.request(), a));
        for (var pin : document.pinned()) {
            var allocation = placed.get(pin.request());
            if (allocation == null || !allocation.resource().equals(pin.resource())
                    || !allocation.start().isEqual(pin.start())) {
                broken.add("pin of " + pin.request() + " on " + pin.resource() + " at " + pin.start() + " moved");
            }
        }
    }
}
