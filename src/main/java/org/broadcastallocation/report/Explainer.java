package org.broadcastallocation.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.Demand;
import org.broadcastallocation.allocation.FibreZone;
import org.broadcastallocation.allocation.Occupancy;
import org.broadcastallocation.allocation.PlanResource;
import org.broadcastallocation.allocation.Placement;
import org.broadcastallocation.allocation.StaticFit;
import org.broadcastallocation.allocation.StaticFit.Misfit;
import org.broadcastallocation.allocation.Timeline;

/**
 * Says in words why a request was left out, so that an operator can act: no resource can ever fit it (and which rule
 * stops each), its organisation's quota is full, its zone's fibre links are used up, or every fitting place is taken
 * (and by whom). A reason is given when, and only when, it stops at least one of the request's possible places.
 *
 * <p>Each reason is written twice. Staff read who holds what ("r-5 (bbc, weight 120)"); the broadcaster whose request
 * it is reads its own facts only: counts, the site, and its own requests. Competitors' bookings are confidential
 * between broadcasters, so the broadcaster's wording is built from nothing that names them: other requests reach it
 * only as a count or through {@link #yours}, which keeps the broadcaster's own.
 */
public final class Explainer {

    /** One reason, for staff (who holds what) and for the broadcaster whose request it is (its own facts only). */
    public record Reason(String staff, String broadcaster) {
        /** A reason made of the request's own facts and the site's alone: the same for everyone. */
        static Reason same(String text) {
            return new Reason(text, text);
        }
    }

    private static final int NAMED_BLOCKERS = 5;

    private final AllocationPlan plan;
    private final Timeline timeline;
    private final Occupancy occupancy;

    public Explainer(AllocationPlan plan) {
        this.plan = plan;
        this.timeline = plan.getTimeline();
        this.occupancy = Occupancy.of(plan.getBookings());
    }

    public List<Reason> reasons(Booking booking) {
        if (booking.candidates().isEmpty()) {
            return List.of(Reason.same(neverFits(booking.demand())));
        }
        var demand = booking.demand();
        var taken = new LinkedHashMap<PlanResource, Boolean>();
        var takenBy = new LinkedHashSet<Booking>();
        var fibreBy = new LinkedHashMap<FibreZone, Set<Booking>>();
        var quotaBy = new LinkedHashSet<Booking>();
        Placement free = null;
        for (Placement candidate : booking.candidates()) {
            var clashes = without(occupancy.clashes(candidate), booking);
            var fibre = without(occupancy.fibreBlockers(demand, candidate), booking);
            var quota = without(occupancy.quotaBlockers(demand, candidate), booking);
            taken.merge(candidate.resource(), !clashes.isEmpty(), Boolean::logicalAnd);
            takenBy.addAll(clashes);
            if (!fibre.isEmpty()) {
                fibreBy.computeIfAbsent(candidate.resource().zone(), zone -> new LinkedHashSet<>()).addAll(fibre);
            }
            quotaBy.addAll(quota);
            if (free == null && clashes.isEmpty() && fibre.isEmpty() && quota.isEmpty()) {
                free = candidate;
            }
        }
        var reasons = new ArrayList<Reason>();
        long fullyTaken = taken.values().stream().filter(Boolean::booleanValue).count();
        if (!takenBy.isEmpty()) {
            String which;
            if (taken.size() == 1) {
                which = "the only " + demand.type().singular() + " that fits, "
                        + taken.keySet().iterator().next().id() + ", is taken";
            } else if (fullyTaken == taken.size()) {
                which = "all " + taken.size() + " " + demand.type().plural() + " that fit are taken";
            } else {
                which = fullyTaken + " of the " + taken.size() + " " + demand.type().plural() + " that fit "
                        + (fullyTaken == 1 ? "is" : "are") + " taken";
            }
            String takenWhen = which + " " + when(demand) + " by ";
            reasons.add(new Reason(takenWhen + byWhom(takenBy, demand.weight()),
                    takenWhen + byWhomUnnamed(takenBy, demand)));
        }
        if (!quotaBy.isEmpty()) {
            reasons.add(new Reason("quota: " + demand.organisation() + " already holds " + quotaBy.size() + " "
                    + demand.type() + " " + when(demand) + " (quota " + demand.quota() + "): "
                    + names(quotaBy, false),
                    "quota: your quota of " + demand.quota() + " " + demand.type() + " is held by "
                            + ownOrCounted(quotaBy, demand) + " " + when(demand)));
        }
        fibreBy.forEach((zone, users) -> {
            String inUse = "fibre: " + (zone.fibreLinks() == 1 ? "the only fibre link"
                    : "all " + zone.fibreLinks() + " fibre links") + " of zone " + zone.id() + " "
                    + (zone.fibreLinks() == 1 ? "is" : "are") + " in use " + when(demand);
            String yours = yours(users, demand);
            reasons.add(new Reason(inUse + ": " + names(users, false),
                    inUse + (yours.isEmpty() ? "" : " (among them by " + yours + ")")));
        });
        if (free != null) {
            reasons.add(Reason.same(free.resource().id() + " was free " + timeline.describe(free.start(), free.end())
                    + " but this round did not use it; a longer round may serve it"));
        }
        return reasons;
    }

    /** No candidate at all: say for each resource of the type which request-and-resource rule stops it. */
    private String neverFits(Demand demand) {
        var ofType = plan.getResources().stream().filter(resource -> resource.type() == demand.type()).toList();
        if (ofType.isEmpty()) {
            return "the event has no " + demand.type().plural();
        }
        if (demand.quota() != null && demand.quota() == 0) {
            return "quota: the event allows no " + demand.type() + " per organisation";
        }
        var counts = new EnumMap<Misfit, Integer>(Misfit.class);
        var missingFeatures = new TreeSet<String>();
        PlanResource largestTooSmall = null;
        int unavailable = 0;
        for (PlanResource resource : ofType) {
            var misfits = StaticFit.misfits(demand, resource);
            misfits.forEach(misfit -> counts.merge(misfit, 1, Integer::sum));
            if (misfits.contains(Misfit.CAPACITY) && resource.capacity() != null && (largestTooSmall == null
                    || resource.capacity() > largestTooSmall.capacity())) {
                largestTooSmall = resource;
            }
            if (misfits.contains(Misfit.FEATURES)) {
                demand.requiredFeatures().stream().filter(feature -> !resource.features().contains(feature))
                        .forEach(missingFeatures::add);
            }
            if (misfits.isEmpty()) {
                unavailable++;
            }
        }
        var parts = new ArrayList<String>();
        int total = ofType.size();
        if (counts.containsKey(Misfit.CAPACITY)) {
            parts.add("capacity: " + of(counts.get(Misfit.CAPACITY), total) + " too small for " + demand.asked()
                    + (largestTooSmall == null ? "" : " (the largest holds " + largestTooSmall.describeCapacity()
                            + (demand.type().isParking() ? "" : " people") + ")"));
        }
        if (counts.containsKey(Misfit.FEATURES)) {
            parts.add("required features: " + of(counts.get(Misfit.FEATURES), total) + " missing "
                    + String.join(", ", missingFeatures));
        }
        if (counts.containsKey(Misfit.ELIGIBILITY)) {
            parts.add("eligibility: " + demand.type().plural() + " are for national delegations and the host"
                    + " broadcaster only, and " + demand.organisation() + " is a " + demand.organisationKind());
        }
        if (counts.containsKey(Misfit.NO_FIBRE)) {
            parts.add("fibre: " + of(counts.get(Misfit.NO_FIBRE), total) + " in a zone without fibre links");
        }
        if (unavailable > 0) {
            parts.add("availability: " + of(unavailable, total) + " not open "
                    + (demand.slot() ? "for " + demand.durationMinutes() + " minutes anywhere "
                            + timeline.describe(demand.windowStart(), demand.windowEnd())
                            : "from " + timeline.describe(demand.windowStart(), demand.windowEnd())));
        }
        return "no " + demand.type().singular() + " can ever take it: " + String.join("; ", parts);
    }

    private String when(Demand demand) {
        String window = timeline.describe(demand.windowStart(), demand.windowEnd());
        return demand.slot() ? "throughout its window " + window : window;
    }

    private static String byWhom(Set<Booking> blockers, int weight) {
        int lightest = blockers.stream().mapToInt(Booking::weight).min().orElse(0);
        if (lightest > weight) {
            return "higher-weighted requests: " + names(blockers, true);
        }
        if (lightest == weight) {
            return "requests of equal or higher weight: " + names(blockers, true);
        }
        return names(blockers, true) + "; this round found no way to serve it without leaving more weight"
                + " unserved";
    }

    /** As {@link #byWhom}, for the broadcaster: how the blockers weigh against its request, and which are its own. */
    private static String byWhomUnnamed(Set<Booking> blockers, Demand demand) {
        int lightest = blockers.stream().mapToInt(Booking::weight).min().orElse(0);
        String yours = yours(blockers, demand);
        String among = yours.isEmpty() ? "" : " (among them " + yours + ")";
        if (lightest > demand.weight()) {
            return "requests of higher weight" + among;
        }
        if (lightest == demand.weight()) {
            return "requests of equal or higher weight" + among;
        }
        return "other requests" + among + "; this round found no way to serve it without leaving more weight"
                + " unserved";
    }

    /** The broadcaster's own requests among these, named; the others counted (a quota is held by one's own). */
    private static String ownOrCounted(Set<Booking> bookings, Demand demand) {
        String yours = yours(bookings, demand);
        long others = bookings.stream().filter(booking -> !booking.organisation().equals(demand.organisation()))
                .count();
        String counted = others + " other request" + (others == 1 ? "" : "s");
        return yours.isEmpty() ? counted : others == 0 ? yours : yours + " and " + counted;
    }

    /**
     * "your request r-7" or "your requests r-7, r-9": the bookings of the demand's own organisation and only those,
     * without weights; empty when none is. The only way other requests reach a broadcaster's wording by name.
     */
    private static String yours(Set<Booking> bookings, Demand demand) {
        var own = bookings.stream().filter(booking -> booking.organisation().equals(demand.organisation()))
                .map(Booking::id).sorted().toList();
        if (own.isEmpty()) {
            return "";
        }
        String named = String.join(", ", own.subList(0, Math.min(own.size(), NAMED_BLOCKERS)));
        return (own.size() == 1 ? "your request " : "your requests ") + named
                + (own.size() > NAMED_BLOCKERS ? " and " + (own.size() - NAMED_BLOCKERS) + " more" : "");
    }

    private static String names(Set<Booking> bookings, boolean withWeight) {
        var sorted = bookings.stream()
                .sorted(Comparator.comparingInt(Booking::weight).reversed().thenComparing(Booking::id))
                .toList();
        String named = sorted.stream().limit(NAMED_BLOCKERS)
                .map(booking -> booking.id() + " (" + booking.organisation()
                        + (withWeight ? ", weight " + booking.weight() : "") + ")")
                .collect(Collectors.joining(", "));
        return sorted.size() > NAMED_BLOCKERS ? named + " and " + (sorted.size() - NAMED_BLOCKERS) + " more" : named;
    }

    private static List<Booking> without(List<Booking> bookings, Booking self) {
        return bookings.stream().filter(booking -> booking != self).toList();
    }

    private static String of(int count, int total) {
        return count == total ? (total == 1 ? "the only one is" : "all " + total + " are") : count + " of " + total
                + (count == 1 ? " is" : " are");
    }
}
