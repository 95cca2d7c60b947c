package org.broadcastallocation.allocation;

import java.util.Set;

import org.broadcastallocation.problem.OrganisationKind;
import org.broadcastallocation.problem.ResourceType;
import org.broadcastallocation.problem.VehicleKind;

/**
 * What a request asks for, in the planning model's terms (minutes from the event start). Immutable; the solver only
 * changes the {@link Booking}'s placement.
 *
 * @param durationMinutes how long the booking lasts: the whole window, or the slot length
 * @param slot            true when the booking may start anywhere in the window (duration shorter than window)
 * @param weight          what leaving it unassigned costs: {@code priorityWeight[priority] / rank}
 * @param quota           the event's quota for this type (allocations held at once), null for unlimited
 * @param vehicleCentimetres the vehicle's length in {@link Centimetres}, null when not given
 */
public record Demand(
        String id,
        String organisation,
        OrganisationKind organisationKind,
        ResourceType type,
        int windowStart,
        int windowEnd,
        int durationMinutes,
        boolean slot,
        Integer crewSize,
        VehicleKind vehicleKind,
        Integer vehicleCentimetres,
        Set<String> requiredFeatures,
        Set<String> preferredFeatures,
        Integer preferredStart,
        boolean needsFibre,
        int priority,
        int rank,
        int weight,
        Integer quota,
        Site site) {

    public Demand {
        requiredFeatures = requiredFeatures == null ? Set.of() : Set.copyOf(requiredFeatures);
        preferredFeatures = preferredFeatures == null ? Set.of() : Set.copyOf(preferredFeatures);
    }

    /**
     * Hard rule 3: crew against room capacity (people), vehicle length against parking capacity (both in centimetres),
     * OB only in OB parking.
     */
    public boolean fitsCapacityOf(PlanResource resource) {
        Integer capacity = resource.capacity();
        if (resource.type().isParking()) {
            if (vehicleKind == VehicleKind.OB && resource.type() != ResourceType.PARKING_OB) {
                return false;
            }
            return capacity == null || vehicleCentimetres == null || vehicleCentimetres <= capacity;
        }
        return capacity == null || crewSize == null || crewSize <= capacity;
    }

    /** What the capacity rule measures, in words: "an SNG vehicle of 7.5 m", "a crew of 4". */
    public String asked() {
        if (type.isParking()) {
            return (vehicleKind == null ? "a vehicle" : "an " + vehicleKind + " vehicle")
                    + (vehicleCentimetres == null ? "" : " of " + Centimetres.asMetres(vehicleCentimetres));
        }
        return "a crew of " + crewSize;
    }

    public int missingRequiredFeatures(PlanResource resource) {
        return missing(requiredFeatures, resource);
    }

    public int missingPreferredFeatures(PlanResource resource) {
        return missing(preferredFeatures, resource);
    }

    public boolean eligibleFor(PlanResource resource) {
        return resource.type().admits(organisationKind);
    }

    private static int missing(Set<String> wanted, PlanResource resource) {
        int missing = 0;
        for (String feature : wanted) {
            if (!resource.features().contains(feature)) {
                missing++;
            }
        }
        return missing;
    }
}
