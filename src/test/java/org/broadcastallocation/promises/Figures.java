package org.broadcastallocation.promises;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a run did, for the README: sequences, actions by kind and how the service answered them, violations. */
final class Figures {

    int sequences;
    int actions;
    int shrinkRuns;
    final Map<Action.Kind, Integer> byKind = new TreeMap<>();
    /** Milliseconds spent running each kind of action (not counting the checks after it). */
    final Map<Action.Kind, Integer> millisByKind = new TreeMap<>();
    int checkMillis;
    int setupMillis;
    int settleMillis;
    /** "PUBLISH 409" and the like: the answers, by kind. */
    final Map<String, Integer> answers = new TreeMap<>();
    /** Sequences that broke each promise (a sequence stops at its first broken step). */
    final Map<Invariant, Integer> violations = new TreeMap<>();

    synchronized void ran(Action.Kind kind, String answer, long nanos) {
        actions++;
        byKind.merge(kind, 1, Integer::sum);
        millisByKind.merge(kind, (int) (nanos / 1_000_000), Integer::sum);
        if (answer != null) {
            answers.merge(kind + " " + answer, 1, Integer::sum);
        }
    }

    synchronized void broke(Invariant invariant) {
        violations.merge(invariant, 1, Integer::sum);
    }

    String summary(long millis, ServiceInstances instances) {
        return """
                sequences run: %d (+%d replays while shrinking), actions run: %d, in %d s
                actions by kind: %s
                answers: %s
                ms by kind: %s; importing the events %d ms, checking %d ms, settling %d ms
                instances started: %d (%d killed), %d ms spent starting them
                sequences that broke a promise: %s"""
                .formatted(sequences, shrinkRuns, actions, millis / 1000, join(byKind), join(answers),
                        join(millisByKind), setupMillis, checkMillis, settleMillis,
                        instances.started(), instances.killed(), instances.startingMillis(),
                        violations.isEmpty() ? "none" : join(violations));
    }

    private static String join(Map<?, Integer> counts) {
        return counts.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }
}
