package org.broadcastallocation.allocation;

/**
 * What is known about the best medium level of a plan: no allocation leaves less unserved weight than
 * {@code unservedFloor}. {@code method} says where the floor comes from ({@code exact} when CP-SAT proved it the
 * optimum, {@code cp-sat} when it stopped before the proof, {@code capacity-time} for the pure-Java relaxation).
 */
public record MediumBound(long unservedFloor, String method) {

    /** The tighter of two valid floors: both hold, so the larger does. */
    MediumBound tighter(MediumBound other) {
        return other == null || unservedFloor >= other.unservedFloor ? this : other;
    }
}
