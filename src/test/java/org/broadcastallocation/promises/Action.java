package org.broadcastallocation.promises;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * One step of a sequence, as drawn: what to do, on which instance (0 or 1; the other one when it is down), and two
 * numbers that pick what it is done to among what exists when it runs (rounds, requests, resources). Because they
 * pick by position at run time, any sub-sequence of a sequence is a sequence too: that is what shrinking removes.
 * Written as {@code PUBLISH(1,7)@0}; a list of them is what {@code -Dpromises.replay=} runs.
 */
record Action(Kind kind, int instance, int a, int b) {

    enum Kind {
        /** A new round: a snapshot of the open requests and the pins. */
        CREATE_ROUND(12),
        /** A what-if round with one resource closed ({@code a} picks it). */
        CREATE_WHAT_IF(3),
        /** Solve a round ({@code a} picks it: mostly the latest) for at most a second. */
        SOLVE(14),
        /** Stop the round being solved. */
        STOP(4),
        /** Publish a round ({@code a} picks it). */
        PUBLISH(12),
        /** Publish two rounds at once, one on each instance: the latest two that could be published. */
        PUBLISH_TWO(4),
        /** The organisation amends one of its requests ({@code a}) to another shape ({@code b}). */
        AMEND(10),
        /** The organisation cancels one of its requests. */
        CANCEL(5),
        /** A planner rejects a request. */
        REJECT(3),
        /** A request after the deadline ({@code a} picks what), late intake opened first. */
        SUBMIT_LATE(6),
        /** A site editor closes (or opens again) a resource. */
        CLOSE_RESOURCE(3),
        /** An instance dies: the one solving a round when there is one ({@code a} > 0), else this one. */
        KILL(0.25),
        /** Wait until no round of the event is being solved (or waiting to be). */
        WAIT(12),
        /** Busy the instance's solver with rounds of other (bigger) events, so that the next solve waits. */
        CROWD(0.12);

        final double weight;

        Kind(double weight) {
            this.weight = weight;
        }
    }

    private static final Pattern CODE = Pattern.compile("([A-Z_]+)\\((\\d+),(\\d+)\\)@(\\d)");

    /** A random action; the weights above say how often each kind comes. */
    static Action draw(SplittableRandom random) {
        double total = 0;
        for (var kind : Kind.values()) {
            total += kind.weight;
        }
        double pick = random.nextDouble(total);
        var kind = Kind.values()[Kind.values().length - 1];
        for (var candidate : Kind.values()) {
            pick -= candidate.weight;
            if (pick < 0) {
                kind = candidate;
                break;
            }
        }
        return new Action(kind, random.nextInt(2), random.nextInt(10), random.nextInt(100));
    }

    /** A sequence of 5 to {@code maxLength} actions, all from the seed. */
    static List<Action> sequence(long seed, int maxLength) {
        var random = new SplittableRandom(seed);
        int length = Math.min(maxLength, 5) + random.nextInt(Math.max(1, maxLength - 4));
        var actions = new ArrayList<Action>();
        for (int i = 0; i < length; i++) {
            actions.add(draw(random));
        }
        return actions;
    }

    String code() {
        return kind + "(" + a + "," + b + ")@" + instance;
    }

    static String code(List<Action> actions) {
        return String.join(" ", actions.stream().map(Action::code).toList());
    }

    static List<Action> parse(String codes) {
        var actions = new ArrayList<Action>();
        for (String code : codes.trim().split("[\\s;]+")) {
            var matcher = CODE.matcher(code);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("not an action: " + code + " (e.g. SOLVE(0,12)@1)");
            }
            actions.add(new Action(Kind.valueOf(matcher.group(1)), Integer.parseInt(matcher.group(4)),
                    Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))));
        }
        return actions;
    }
}
