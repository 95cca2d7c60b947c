package org.broadcastallocation.problem;

public enum VehicleKind {
    /** Satellite news gathering van: parks in SNG or OB parking. */
    SNG,
    /** Outside broadcast truck: only in OB parking. */
    OB
}
