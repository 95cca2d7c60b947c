package org.broadcastallocation.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntervalVar;
import com.google.ortools.sat.LinearArgument;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.Literal;

import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.FibreZone;
import org.broadcastallocation.allocation.Placement;
import org.broadcastallocation.allocation.PlanResource;

/**
 * The best served weight an allocation can reach, proved by a constraint solver (OR-Tools CP-SAT) on the medium
 * level alone: the most {@code priorityWeight / rank} served under every hard rule. The hard rules of a request and
 * a resource alone are already in each booking's candidates; what is left between requests is a resource used once
 * at a time (no-overlap), a zone's fibre links and an organisation's quota per type at any moment (cumulative), and
 * pins. So this is the yardstick the issue asks for: how much less unserved weight than first-come is possible,
 * and how close the engine gets.
 */
final class ExactAllocation {

    /**
     * What CP-SAT found: the served weight of its best allocation, that allocation (request id to placement), and
     * the proved upper bound on any.
     */
    record Result(long servedWeight, long servedWeightBound, boolean optimal, long millis,
            Map<String, Placement> allocation) {

        /** Puts this allocation on a plan of the same problem, to score it with the engine's own constraints. */
        AllocationPlan applyTo(AllocationPlan plan) {
            plan.getBookings().forEach(booking -> booking.place(allocation.get(booking.id())));
            return plan;
        }

        long unservedWeight(long totalWeight) {
            return totalWeight - servedWeight;
        }

        /** No allocation leaves less unserved weight than this. */
        long unservedWeightFloor(long totalWeight) {
            return totalWeight - servedWeightBound;
        }
    }

    private ExactAllocation() {
    }

    static Result solve(AllocationPlan plan, Duration limit, AllocationPlan hint) {
        Loader.loadNativeLibraries();
        var model = new CpModel();
        var served = new ArrayList<LinearArgument>();
        var weights = new ArrayList<Long>();
        var byResource = new HashMap<PlanResource, List<IntervalVar>>();
        var fibreByZone = new HashMap<FibreZone, List<IntervalVar>>();
        var byHolder = new HashMap<String, List<IntervalVar>>();
        var quotas = new HashMap<String, Integer>();
        var hinted = hint == null ? Map.<String, Placement>of() : placements(hint);
        var candidates = new HashMap<BoolVar, Map.Entry<String, Placement>>();

        for (Booking booking : plan.getBookings()) {
            var demand = booking.demand();
            var options = booking.pinned() ? List.of(booking.pinnedPlacement()) : booking.candidates();
            var chosen = new ArrayList<BoolVar>();
            for (Placement placement : options) {
                var take = model.newBoolVar(booking.id() + "@" + placement);
                if (booking.pinned()) {
                    model.addBoolOr(new Literal[] {take});
                }
                if (placement.equals(hinted.get(booking.id()))) {
                    model.addHint(take, 1);
                }
                var interval = model.newOptionalFixedSizeIntervalVar(LinearExpr.constant(placement.start()),
                        placement.end() - placement.start(), take, take.getName());
                byResource.computeIfAbsent(placement.resource(), key -> new ArrayList<>()).add(interval);
                if (demand.needsFibre() && placement.resource().zone() != null) {
                    fibreByZone.computeIfAbsent(placement.resource().zone(), key -> new ArrayList<>()).add(interval);
                }
                if (demand.quota() != null) {
                    String holder = booking.organisation() + "/" + booking.type();
                    byHolder.computeIfAbsent(holder, key -> new ArrayList<>()).add(interval);
                    quotas.put(holder, demand.quota());
                }
                chosen.add(take);
                candidates.put(take, Map.entry(booking.id(), placement));
            }
            if (!chosen.isEmpty()) {
                model.addAtMostOne(chosen.toArray(Literal[]::new));
                served.add(LinearExpr.sum(chosen.toArray(BoolVar[]::new)));
                weights.add((long) booking.weight());
            }
        }
        byResource.values().forEach(model::addNoOverlap);
        fibreByZone.forEach((zone, intervals) -> cumulative(model, intervals, zone.fibreLinks()));
        byHolder.forEach((holder, intervals) -> cumulative(model, intervals, quotas.get(holder)));
        model.maximize(LinearExpr.weightedSum(served.toArray(LinearArgument[]::new),
                weights.stream().mapToLong(Long::longValue).toArray()));

        var solver = new CpSolver();
        solver.getParameters().setMaxTimeInSeconds(limit.toMillis() / 1000.0).setNumWorkers(2);
        long started = System.nanoTime();
        CpSolverStatus status = solver.solve(model);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            throw new IllegalStateException("CP-SAT found no allocation: " + status);
        }
        var allocation = new HashMap<String, Placement>();
        candidates.forEach((take, placement) -> {
            if (solver.booleanValue(take)) {
                allocation.put(placement.getKey(), placement.getValue());
            }
        });
        return new Result(Math.round(solver.objectiveValue()), Math.round(solver.bestObjectiveBound()),
                status == CpSolverStatus.OPTIMAL, millis, allocation);
    }

    private static void cumulative(CpModel model, List<IntervalVar> intervals, int capacity) {
        var constraint = model.addCumulative(capacity);
        intervals.forEach(interval -> constraint.addDemand(interval, 1));
    }

    private static Map<String, Placement> placements(AllocationPlan plan) {
        var placements = new HashMap<String, Placement>();
        plan.getBookings().stream().filter(Booking::assigned)
                .forEach(booking -> placements.put(booking.id(), booking.placement()));
        return placements;
    }
}
