package org.broadcastallocation.rounds;

/**
 * CREATED (snapshotted); QUEUED (claimed by one instance, waiting for its solver); SOLVING (that instance's solver
 * runs it); then SOLVED (its own termination), STOPPED (a person stopped it; the best found stands), INTERRUPTED (its
 * solver died; the best saved stands) or FAILED; PUBLISHED once its allocations are pinned.
 */
public enum RoundStatus {
    CREATED, QUEUED, SOLVING, SOLVED, STOPPED, INTERRUPTED, FAILED, PUBLISHED;

    /** A round that can be (re)solved: never started, stopped early, or cut off. */
    public boolean solvable() {
        return this == CREATED || this == STOPPED || this == INTERRUPTED;
    }

    /** A round whose best solution may be published. */
    public boolean ended() {
        return this == SOLVED || this == STOPPED || this == INTERRUPTED;
    }

    /** Claimed by an instance: waiting for its solver or being solved. */
    public boolean claimed() {
        return this == QUEUED || this == SOLVING;
    }
}
