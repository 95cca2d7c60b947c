package org.broadcastallocation.allocation;

import java.util.List;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.entity.PlanningPin;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;

import org.broadcastallocation.problem.ResourceType;

/**
 * One request in the solver: its demand, the placements that could ever serve it, and the one it has now (null:
 * unassigned; the problem is overconstrained, so that is a legal answer that costs the request's weight).
 */
@PlanningEntity
public class Booking {

    @PlanningId
    private String id;
    private Demand demand;
    private List<Placement> candidates;
    private Placement pinnedPlacement;
    private Placement previousPlacement;

    @PlanningVariable(allowsUnassigned = true, valueRangeProviderRefs = "candidates")
    private Placement placement;

    public Booking() {
    }

    public Booking(Demand demand, List<Placement> candidates, Placement pinnedPlacement, Placement previousPlacement) {
        this.id = demand.id();
        this.demand = demand;
        this.candidates = candidates;
        this.pinnedPlacement = pinnedPlacement;
        this.previousPlacement = previousPlacement;
        this.placement = pinnedPlacement;
    }

    public String getId() {
        return id;
    }

    public Demand getDemand() {
        return demand;
    }

    /** The statically possible placements (type, capacity, features, eligibility, availability, a fibre zone). */
    @ValueRangeProvider(id = "candidates")
    public List<Placement> getCandidates() {
        return candidates;
    }

    public Placement getPlacement() {
        return placement;
    }

    public void setPlacement(Placement placement) {
        this.placement = placement;
    }

    public Placement getPinnedPlacement() {
        return pinnedPlacement;
    }

    public Placement getPreviousPlacement() {
        return previousPlacement;
    }

    /** Hard rule 9: a published allocation is never moved by the solver. */
    @PlanningPin
    public boolean isPinned() {
        return pinnedPlacement != null;
    }

    public boolean isAssigned() {
        return placement != null;
    }

    // Shorthands for the constraint streams; only called on assigned bookings.

    public PlanResource resource() {
        return placement.resource();
    }

    public int start() {
        return placement.start();
    }

    public int end() {
        return placement.end();
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
        return id + "->" + placement;
    }
}
