package org.broadcastallocation.allocation;

import java.util.List;

import ai.timefold.solver.core.api.score.stream.ConstraintJustification;

import org.broadcastallocation.problem.ResourceType;

/**
 * Why a rule matched, one record per rule, so that the score analysis (and the report built on it) can say what is
 * wrong or costly in words. Times are minutes from the event start.
 */
public sealed interface Justification extends ConstraintJustification {

    record WrongType(String request, String resource, ResourceType requested, ResourceType actual)
            implements Justification {
    }

    record DoubleBooked(String resource, String request, String otherRequest, int from, int to)
            implements Justification {
    }

    record OverCapacity(String request, String resource, String asked, Integer capacity) implements Justification {
    }

    record Unavailable(String request, String resource, int start, int end) implements Justification {
    }

    record MissingRequiredFeatures(String request, String resource, List<String> features) implements Justification {
    }

    record Ineligible(String request, String organisation, String resource) implements Justification {
    }

    record FibreOverbooked(String zone, int fibreLinks, int inUse, int from, int to, List<String> requests)
            implements Justification {
    }

    record QuotaExceeded(String organisation, ResourceType type, int quota, int held, int from, int to,
            List<String> requests) implements Justification {
    }

    record PinMoved(String request, String pinnedResource, int pinnedStart) implements Justification {
    }

    record Unserved(String request, String organisation, ResourceType type, int weight) implements Justification {
    }

    record Walk(String parkingRequest, String otherRequest, String parking, String resource, int metresBeyondShortest)
            implements Justification {
    }

    record MissingPreferences(String request, String resource, List<String> features) implements Justification {
    }

    record OffPreferredStart(String request, int start, int preferredStart) implements Justification {
    }

    record Moved(String request, String previousResource, int previousStart, String resource, int start)
            implements Justification {
    }
}
