package org.broadcastallocation.allocation;

import java.util.List;
import java.util.stream.Stream;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.entity.PlanningPin;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;

import org.broadcastallocation.problem.ResourceType;

/**
 * One request in the solver: its demand, a resource (null: unassigned; the problem is overconstrained, so that is a
 * legal answer that costs the request's weight) and a start. Resource and start are separate variables so that two
 * requests can swap resources while each keeps its own time, which is how vans trade parking spaces.
 */
@PlanningEntity
public class Booking {

    // Accessors read as the package's records do (booking.resource(), Booking::weight); Timefold reads the annotated
    // fields directly, so it needs no JavaBean getters.
    @PlanningId
    private String id;
    private Demand demand;
    private List<Placement> candidates;
    @ValueRangeProvider(id = "resources")
    private List<PlanResource> resourceRange;
    @ValueRangeProvider(id = "starts")
    private List<Integer> startRange;
    private Placement pinnedPlacement;
    /** Hard rule 9: a published allocation is never moved by the solver; nor is a placement by hand. */
    @PlanningPin
    private boolean pinned;
    private Placement previousPlacement;
    /** Put where it is (or left out) by a planner's hand in this round: the solver keeps it there. */
    private boolean placedByHand;

    @PlanningVariable(allowsUnassigned = true, valueRangeProviderRefs = "resources")
    private PlanResource resource;
    @PlanningVariable(valueRangeProviderRefs = "starts")
    private Integer start;

    public Booking() {
    }

    /**
     * @param candidates every placement that breaks no rule of the request and resource alone; the variables' value
     *                   ranges are its resources and starts
     */
    public Booking(Demand demand, List<Placement> candidates, Placement pinnedPlacement, Placement previousPlacement) {
        this.id = demand.id();
        this.demand = demand;
        this.candidates = List.copyOf(candidates);
        this.resourceRange = candidates.stream().map(Placement::resource).distinct().toList();
        var starts = candidates.stream().map(Placement::start).distinct().sorted().toList();
        // A slot that fits nowhere still needs a start inside its range: Timefold refuses a value outside it (the
        // whole round failed). Its resource range is empty, so it stays unassigned, with its reasons.
        this.startRange = demand.slot() && !starts.isEmpty() ? starts : List.of(demand.windowStart());
        if (pinnedPlacement != null && !startRange.contains(pinnedPlacement.start())) {
            this.startRange = Stream.concat(startRange.stream(),
                    Stream.of(pinnedPlacement.start())).sorted().toList();
        }
        this.pinnedPlacement = pinnedPlacement;
        this.pinned = pinnedPlacement != null;
        this.previousPlacement = previousPlacement;
        this.start = startRange.get(0);
        place(pinnedPlacement);
    }

    public String id() {
        return id;
    }

    public Demand demand() {
        return demand;
    }

    /** The statically possible placements (type, capacity, features, eligibility, availability, a fibre zone). */
    public List<Placement> candidates() {
        return candidates;
    }

    public List<PlanResource> resourceRange() {
        return resourceRange;
    }

    public List<Integer> startRange() {
        return startRange;
    }

    /** Where the booking is, or null when unassigned. */
    public Placement placement() {
        return resource == null || start == null ? null : new Placement(resource, start, start + duration());
    }

    /** Puts the booking at a placement (null: unassigned, keeping its start for when it is placed again). */
    public void place(Placement placement) {
        if (placement == null) {
            this.resource = null;
        } else {
            this.resource = placement.resource();
            this.start = placement.start();
        }
    }

    /** The start alone, for a problem change that moves both variables one at a time ({@link ExactSeed}). */
    void startAt(int start) {
        this.start = start;
    }

    public Placement pinnedPlacement() {
        return pinnedPlacement;
    }

    public Placement previousPlacement() {
        return previousPlacement;
    }

    /**
     * Kept where it is by the solver: a published allocation (hard rule 9), or a planner's placement by hand in this
     * round. Only the first is a promise: see {@link #published}.
     */
    public boolean pinned() {
        return pinned;
    }

    /** A published allocation, kept from an earlier round: a promise. */
    public boolean published() {
        return pinnedPlacement != null;
    }

    public boolean placedByHand() {
        return placedByHand;
    }

    /**
     * A planner puts the booking here (null: leaves it unassigned) by hand; from now on the solver keeps it there.
     * A published allocation is never placed by hand.
     */
    public void placeByHand(Placement placement) {
        if (published()) {
            throw new IllegalStateException(id + " is published and stays where it was promised");
        }
        place(placement);
        placedByHand = true;
        pinned = true;
    }

    public boolean assigned() {
        return resource != null;
    }

    /** Whether the start variable means anything: only slots may move in time. */
    public boolean slot() {
        return demand.slot();
    }

    /** The resource, or null when unassigned. */
    public PlanResource resource() {
        return resource;
    }

    // Shorthands for the constraint streams; only called on assigned bookings.

    public int start() {
        return start;
    }

    public int end() {
        return start + duration();
    }

    private int duration() {
        return demand.durationMinutes();
    }

    public String organisation() {
        return demand.organisation();
    }

    public ResourceType type() {
        return demand.type();
    }

    public int weight() {
        return demand.weight();
    }

    @Override
    public String toString() {
        return id + "->" + placement();
    }
}
