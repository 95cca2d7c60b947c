package org.broadcastallocation.allocation;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules between one request and one resource that no other request can change: type, capacity, required
 * features, eligibility and a zone with fibre links. Shared by the candidate list, the first-come baseline and the
 * explanations, so all three agree on what "can ever fit" means.
 */
public final class StaticFit {

    private StaticFit() {
    }

    public static boolean fits(Demand demand, PlanResource resource) {
        return misfits(demand, resource).isEmpty();
    }

    /** What stops the resource from ever serving the demand, in short words ("capacity 2 < crew of 4"). */
    public static List<Misfit> misfits(Demand demand, PlanResource resource) {
        var misfits = new ArrayList<Misfit>();
        if (resource.type() != demand.type()) {
            misfits.add(Misfit.TYPE);
            return misfits;
        }
        if (!demand.fitsCapacityOf(resource)) {
            misfits.add(Misfit.CAPACITY);
        }
        if (demand.missingRequiredFeatures(resource) > 0) {
            misfits.add(Misfit.FEATURES);
        }
        if (!demand.eligibleFor(resource)) {
            misfits.add(Misfit.ELIGIBILITY);
        }
        if (demand.needsFibre() && resource.zone().fibreLinks() == 0) {
            misfits.add(Misfit.NO_FIBRE);
        }
        return misfits;
    }

    public enum Misfit {
        TYPE, CAPACITY, FEATURES, ELIGIBILITY, NO_FIBRE
    }
}
