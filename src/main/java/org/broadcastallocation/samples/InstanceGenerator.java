package org.broadcastallocation.samples;

import org.broadcastallocation.problem.ProblemDocument;

/** Placeholder signature; the real generator lands from the samples branch. */
public final class InstanceGenerator {
    private InstanceGenerator() {
    }

    public static ProblemDocument generate(int requests, long seed, double scale) {
        throw new IllegalStateException("generator not merged yet");
    }
}
