package org.broadcastallocation.allocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.Literal;

/**
 * Which resource of its pool each of CP-SAT's chosen placements takes in a later round, keeping as many as possible
 * on the resource the previous round gave them. Start order alone puts an earlier newcomer on a resource a later
 * request held before, and that request moves for nothing (on the Hague sample with one position closed, 31 moves
 * where the model's optimum needed 7); putting the kept ones first can leave a newcomer no single free resource. A
 * small assignment per pool decides it exactly: each placement on at most one resource, one at a time on each,
 * the most weight placed first and the most kept second.
 */
final class PoolColouring {

    private static final double SECONDS_PER_POOL = 1.0;

    private PoolColouring() {
    }

    /**
     * @param chosen  the placements CP-SAT took in one pool: booking and start
     * @param pool    the pool's resources
     * @param pinned  what published allocations hold on them
     * @return the placement of each booking given a resource, by booking id; null when no answer came in time
     */
    static Map<String, Placement> assign(List<ExactBound.Choice> chosen, List<PlanResource> pool,
            List<Placement> pinned) {
        var model = new CpModel();
        var onResource = new HashMap<PlanResource, List<Held>>();
        var byBooking = new HashMap<ExactBound.Choice, List<Held>>();
        var literals = new ArrayList<Literal>();
        var gains = new ArrayList<Long>();
        for (var choice : chosen) {
            var booking = choice.booking();
            var previous = booking.previousPlacement();
            for (PlanResource resource : pool) {
                var placement = new Placement(resource, choice.start(),
                        choice.start() + booking.demand().durationMinutes());
                if (!booking.candidates().contains(placement)) {
                    continue;
                }
                var take = model.newBoolVar(booking.id() + "@" + resource.id());
                var held = new Held(placement, take);
                onResource.computeIfAbsent(resource, key -> new ArrayList<>()).add(held);
                byBooking.computeIfAbsent(choice, key -> new ArrayList<>()).add(held);
                literals.add(take);
                // Weight first (at most a few hundred placements a pool keep the second term below 1,000).
                gains.add(1_000L * booking.weight() + (placement.equals(previous) ? 1 : 0));
            }
        }
        byBooking.values().forEach(options -> model.addAtMostOne(options.stream().map(Held::taken)
                .toArray(Literal[]::new)));
        for (var entry : onResource.entrySet()) {
            var resource = entry.getKey();
            var held = entry.getValue();
            var moments = new TreeSet<Integer>();
            held.forEach(item -> moments.add(item.placement().start()));
            for (int moment : moments) {
                boolean pinnedThen = pinned.stream().anyMatch(pin -> pin.resource().equals(resource)
                        && pin.start() <= moment && moment < pin.end());
                var covering = held.stream().filter(item -> item.placement().start() <= moment
                        && moment < item.placement().end()).map(Held::taken).toArray(Literal[]::new);
                model.addLessOrEqual(LinearExpr.sum(covering), pinnedThen ? 0 : 1);
            }
        }
        model.maximize(LinearExpr.weightedSum(literals.toArray(Literal[]::new),
                gains.stream().mapToLong(Long::longValue).toArray()));
        var solver = new CpSolver();
        solver.getParameters().setNumWorkers(1).setMaxTimeInSeconds(SECONDS_PER_POOL);
        var status = solver.solve(model);
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            return null;
        }
        var placements = new HashMap<String, Placement>();
        byBooking.forEach((choice, options) -> options.stream().filter(held -> solver.booleanValue(held.taken()))
                .findFirst().ifPresent(held -> placements.put(choice.booking().id(), held.placement())));
        return placements;
    }

    private record Held(Placement placement, Literal taken) {
    }
}
