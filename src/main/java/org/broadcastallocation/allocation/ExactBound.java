package org.broadcastallocation.allocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.Literal;

import org.broadcastallocation.problem.ResourceType;

/**
 * The medium level as a CP-SAT model, for its bound: the most weight any allocation can serve. Per request and
 * pool of identical resources (same type, zone, capacity, features and availability: every request fits all of a
 * pool or none of it) one optional interval whose start ranges over the request's candidate starts there; a pool is
 * one cumulative of its size (exact, since interval graphs are perfect: overlaps within the size can always be
 * spread over the pool's resources, and it takes the symmetry between them away); fibre per zone and quota per
 * organisation and type are cumulatives too; pins are fixed intervals. A pin holds one resource, not any of its
 * pool, so with pins the model is a relaxation: its optimum may be out of reach, but its bound still holds.
 * CP-SAT's allocation of a part is read back by {@link ExactSeed}, which spreads it over the pools' resources.
 */
final class ExactBound {

    private ExactBound() {
    }

    /**
     * One part of the medium level: the requests of some resource types, which share nothing with the other types'
     * (no resource, no zone with fibre links, and quota is per type), so that each part is solved, and proved,
     * apart. {@code weight}: the part's requests' total weight, of which the model's objective is the served part.
     */
    record Part(String name, Set<ResourceType> types, CpModel model, long weight, int requests, List<Choice> choices,
            Map<PoolKey, List<PlanResource>> pools, LinearExpr served) {

        /**
         * Turns the solved model into its second question: of the allocations that serve {@code atLeast} (the
         * optimum just proved), the one cheapest in the soft terms a pool and a start decide (timing, missing
         * preferences, moves from the previous round; walking depends on which resource of a pool, so it is not
         * here), starting from the solution at hand.
         */
        void preferCheapest(long atLeast, java.util.function.Predicate<Literal> solved) {
            model.clearHints();
            choices.forEach(choice -> model.addHint(choice.taken(), solved.test(choice.taken())));
            model.addGreaterOrEqual(served, atLeast);
            model.minimize(LinearExpr.weightedSum(choices.stream().map(Choice::taken).toArray(Literal[]::new),
                    choices.stream().mapToLong(Choice::softCost).toArray()));
        }
    }

    /**
     * One placement the model may take: the booking at this start on some resource of the pool, and what it would
     * add to the soft level there, walking apart (see {@link Part#preferCheapest}).
     */
    record Choice(Booking booking, PoolKey pool, int start, Literal taken, long softCost) {
    }

    record PoolKey(ResourceType type, FibreZone zone, Integer capacity, Set<String> features,
            List<MinuteInterval> availability) {
        static PoolKey of(PlanResource resource) {
            return new PoolKey(resource.type(), resource.zone(), resource.capacity(), resource.features(),
                    resource.availability());
        }
    }

    /** The plan's parts, each a model of its own. Requests no candidate can serve are in none. */
    static List<Part> parts(AllocationPlan plan) {
        var partOfType = new HashMap<ResourceType, ResourceType>();
        for (ResourceType type : ResourceType.values()) {
            partOfType.put(type, type);
        }
        // Types whose resources share a zone with fibre links are one part: the zone's links are one cumulative.
        var typesByZone = new HashMap<FibreZone, Set<ResourceType>>();
        plan.getResources().stream().filter(resource -> resource.zone() != null && resource.zone().fibreLinks() > 0)
                .forEach(resource -> typesByZone.computeIfAbsent(resource.zone(), zone -> new TreeSet<>())
                        .add(resource.type()));
        for (var types : typesByZone.values()) {
            var first = root(partOfType, types.iterator().next());
            types.forEach(type -> partOfType.put(root(partOfType, type), first));
        }
        var bookingsByPart = new TreeMap<ResourceType, List<Booking>>();
        for (Booking booking : plan.getBookings()) {
            if (booking.published() || !booking.candidates().isEmpty()) {
                bookingsByPart.computeIfAbsent(root(partOfType, booking.type()), key -> new ArrayList<>())
                        .add(booking);
            }
        }
        var parts = new ArrayList<Part>();
        bookingsByPart.forEach((part, bookings) -> {
            var resources = plan.getResources().stream()
                    .filter(resource -> root(partOfType, resource.type()) == part).toList();
            var types = EnumSet.noneOf(ResourceType.class);
            partOfType.keySet().stream().filter(type -> root(partOfType, type) == part).forEach(types::add);
            parts.add(build(part.name(), types, resources, bookings, SoftCost.of(plan)));
        });
        return parts;
    }

    private static ResourceType root(Map<ResourceType, ResourceType> parent, ResourceType type) {
        while (parent.get(type) != type) {
            type = parent.get(type);
        }
        return type;
    }

    /** A placement's literal in the model, with the time it holds. */
    private record Held(int start, int end, Literal taken) {
    }

    private static Part build(String name, Set<ResourceType> types, List<PlanResource> resources,
            List<Booking> bookings, SoftCost softCost) {
        var model = new CpModel();
        var poolSizes = new HashMap<PoolKey, Integer>();
        var pools = new HashMap<PoolKey, List<PlanResource>>();
        resources.forEach(resource -> {
            poolSizes.merge(PoolKey.of(resource), 1, Integer::sum);
            pools.computeIfAbsent(PoolKey.of(resource), key -> new ArrayList<>()).add(resource);
        });
        var choices = new ArrayList<Choice>();
        var byPool = new HashMap<PoolKey, List<Held>>();
        var byType = new HashMap<ResourceType, List<Held>>();
        var fibreByZone = new HashMap<FibreZone, List<Held>>();
        var byHolder = new HashMap<String, List<Held>>();
        var quotas = new HashMap<String, Integer>();
        var served = new ArrayList<Literal>();
        var weights = new ArrayList<Long>();
        long pinnedWeight = 0;
        long totalWeight = 0;
        Literal always = model.trueLiteral();

        for (Booking booking : bookings) {
            totalWeight += booking.weight();
            var demand = booking.demand();
            if (booking.published()) {
                var pin = booking.pinnedPlacement();
                var held = new Held(pin.start(), pin.end(), always);
                byPool.computeIfAbsent(PoolKey.of(pin.resource()), key -> new ArrayList<>()).add(held);
                byType.computeIfAbsent(pin.resource().type(), key -> new ArrayList<>()).add(held);
                pinnedWeight += booking.weight();
                addSharedRules(booking, pin.resource().zone(), held, fibreByZone, byHolder, quotas);
                continue;
            }
            var taken = new ArrayList<Literal>();
            for (var pool : startsByPool(booking).entrySet()) {
                for (int start : pool.getValue()) {
                    var take = model.newBoolVar(booking.id() + "@" + start);
                    var held = new Held(start, start + demand.durationMinutes(), take);
                    byPool.computeIfAbsent(pool.getKey(), key -> new ArrayList<>()).add(held);
                    byType.computeIfAbsent(pool.getKey().type(), key -> new ArrayList<>()).add(held);
                    addSharedRules(booking, pool.getKey().zone(), held, fibreByZone, byHolder, quotas);
                    taken.add(take);
                    var resource = pools.get(pool.getKey()).get(0);
                    var previous = booking.previousPlacement();
                    if (previous != null && pools.get(pool.getKey()).contains(previous.resource())) {
                        resource = previous.resource();
                    }
                    long cost = softCost.of(booking, new Placement(resource, start, held.end()), List.of());
                    choices.add(new Choice(booking, pool.getKey(), start, take, cost));
                    served.add(take);
                    weights.add((long) booking.weight());
                }
            }
            if (taken.size() > 1) {
                model.addAtMostOne(taken);
            }
        }
        byPool.forEach((pool, held) -> atMostAtOnce(model, held, poolSizes.getOrDefault(pool, 0)));
        // Implied by the pools, but it lets the linear relaxation see a type's resources together.
        var typeSizes = new HashMap<ResourceType, Integer>();
        poolSizes.forEach((pool, size) -> typeSizes.merge(pool.type(), size, Integer::sum));
        byType.forEach((type, held) -> {
            if (poolSizes.keySet().stream().filter(pool -> pool.type() == type).count() > 1) {
                atMostAtOnce(model, held, typeSizes.get(type));
            }
        });
        fibreByZone.forEach((zone, held) -> atMostAtOnce(model, held, zone.fibreLinks()));
        byHolder.forEach((holder, held) -> atMostAtOnce(model, held, quotas.get(holder)));
        var servedWeight = LinearExpr.affine(LinearExpr.weightedSum(served.toArray(Literal[]::new),
                weights.stream().mapToLong(Long::longValue).toArray()), 1, pinnedWeight);
        model.maximize(servedWeight);
        return new Part(name, types, model, totalWeight, bookings.size(), choices, pools, servedWeight);
    }

    /** The booking's candidate starts, per pool of the resources they are on. */
    private static Map<PoolKey, TreeSet<Integer>> startsByPool(Booking booking) {
        var starts = new LinkedHashMap<PoolKey, TreeSet<Integer>>();
        for (Placement candidate : booking.candidates()) {
            starts.computeIfAbsent(PoolKey.of(candidate.resource()), key -> new TreeSet<>()).add(candidate.start());
        }
        return starts;
    }

    private static void addSharedRules(Booking booking, FibreZone zone, Held held,
            Map<FibreZone, List<Held>> fibreByZone, Map<String, List<Held>> byHolder, Map<String, Integer> quotas) {
        var demand = booking.demand();
        if (demand.needsFibre() && zone != null) {
            fibreByZone.computeIfAbsent(zone, key -> new ArrayList<>()).add(held);
        }
        if (demand.quota() != null) {
            String holder = booking.organisation() + "/" + booking.type();
            byHolder.computeIfAbsent(holder, key -> new ArrayList<>()).add(held);
            quotas.put(holder, Objects.requireNonNull(demand.quota()));
        }
    }

    /**
     * At no moment more than {@code capacity} of these at once. The most at once is reached at some start, so one
     * linear constraint per distinct start states it exactly (a cumulative would too, but its linear relaxation
     * is far weaker: with these CP-SAT proves the Hague sample's optimum, with cumulatives it did not in 900 s).
     */
    private static void atMostAtOnce(CpModel model, List<Held> held, int capacity) {
        var starts = new TreeSet<Integer>();
        held.forEach(item -> starts.add(item.start()));
        var sorted = new ArrayList<>(held);
        sorted.sort(Comparator.comparingInt(Held::start));
        for (int moment : starts) {
            var covering = new ArrayList<Literal>();
            for (Held item : sorted) {
                if (item.start() > moment) {
                    break;
                }
                if (item.end() > moment) {
                    covering.add(item.taken());
                }
            }
            if (covering.size() > capacity) {
                model.addLessOrEqual(LinearExpr.sum(covering.toArray(Literal[]::new)), capacity);
            }
        }
    }
}
