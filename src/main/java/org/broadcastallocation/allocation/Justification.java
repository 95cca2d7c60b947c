package org.broadcastallocation.allocation;

import java.util.List;

import ai.timefold.solver.core.api.score.stream.ConstraintJustification;

import org.broadcastallocation.problem.ResourceType;

/**
 * Why a rule matched, one record per rule, so that the score analysis (and the report built on it) can say what is
 * wrong or costly in words. Times are minutes from the event start; {@link #describe(Timeline)} puts them in the
 * event's local time.
 */
public sealed interface Justification extends ConstraintJustification {

    String describe(Timeline timeline);

    record WrongType(String request, String resource, ResourceType requested, ResourceType actual)
            implements Justification {
        public String describe(Timeline timeline) {
            return request + " asks for " + requested + " but is on " + resource + ", a " + actual;
        }
    }

    record DoubleBooked(String resource, String request, String otherRequest, int from, int to)
            implements Justification {
        public String describe(Timeline timeline) {
            return request + " and " + otherRequest + " both hold " + resource + " " + timeline.describe(from, to);
        }
    }

    /** {@code capacity} as people or metres ("2", "7.5 m"). */
    record OverCapacity(String request, String resource, String asked, String capacity) implements Justification {
        public String describe(Timeline timeline) {
            return request + " (" + asked + ") does not fit " + resource + " (capacity " + capacity + ")";
        }
    }

    record Unavailable(String request, String resource, int start, int end) implements Justification {
        public String describe(Timeline timeline) {
            return resource + " is not open for " + request + " " + timeline.describe(start, end);
        }
    }

    record MissingRequiredFeatures(String request, String resource, List<String> features) implements Justification {
        public String describe(Timeline timeline) {
            return resource + " lacks " + String.join(", ", features) + " required by " + request;
        }
    }

    record Ineligible(String request, String organisation, String resource) implements Justification {
        public String describe(Timeline timeline) {
            return organisation + " may not book " + resource + " (" + request + ")";
        }
    }

    /** At {@code at}, when {@code request} starts, the zone carries {@code inUse} fibre bookings. */
    record FibreOverbooked(String zone, int fibreLinks, int inUse, int at, String request) implements Justification {
        public String describe(Timeline timeline) {
            return "zone " + zone + " carries " + inUse + " fibre bookings on " + fibreLinks + " links from "
                    + timeline.at(at) + ", when " + request + " starts";
        }
    }

    /** At {@code at}, when {@code request} starts, the organisation holds {@code held} of the type. */
    record QuotaExceeded(String organisation, ResourceType type, int quota, int held, int at, String request)
            implements Justification {
        public String describe(Timeline timeline) {
            return organisation + " holds " + held + " " + type + " at once (quota " + quota + ") from "
                    + timeline.at(at) + ", when " + request + " starts";
        }
    }

    record PinMoved(String request, String pinnedResource, int pinnedStart) implements Justification {
        public String describe(Timeline timeline) {
            return request + " is not at its published place " + pinnedResource + " from " + timeline.at(pinnedStart);
        }
    }

    record Unserved(String request, String organisation, ResourceType type, int weight) implements Justification {
        public String describe(Timeline timeline) {
            return request + " (" + organisation + ", " + type + ") is unserved, weight " + weight;
        }
    }

    record Walk(String parkingRequest, String otherRequest, String parking, String resource, int metresBeyondShortest)
            implements Justification {
        public String describe(Timeline timeline) {
            return parkingRequest + " at " + parking + " is " + metresBeyondShortest
                    + " m further than the site's best from " + otherRequest + " at " + resource;
        }
    }

    record MissingPreferences(String request, String resource, List<String> features) implements Justification {
        public String describe(Timeline timeline) {
            return resource + " lacks " + String.join(", ", features) + " preferred by " + request;
        }
    }

    record OffPreferredStart(String request, int start, int preferredStart) implements Justification {
        public String describe(Timeline timeline) {
            return request + " starts " + timeline.at(start) + " instead of " + timeline.at(preferredStart);
        }
    }

    record Moved(String request, String previousResource, int previousStart, String resource, int start)
            implements Justification {
        public String describe(Timeline timeline) {
            return request + " moved from " + previousResource + " at " + timeline.at(previousStart) + " to "
                    + resource + " at " + timeline.at(start);
        }
    }
}
