package org.broadcastallocation.load;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The driver's own pauses: a thread that asks to wake every millisecond and notes each time it woke much later. When
 * the driver's threads send calls late (the paced phase tells how much of a slow call's time passed before it was
 * sent) and this thread was late at the same moment, the driver's process, or the whole machine, was held up, not
 * the service: no call was on its way to be slow. The idea is Gil Tene's jHiccup.
 */
final class Hiccups {

    /** A wake-up later than this is a hiccup: well above the scheduler's ordinary delay on a busy machine. */
    private static final long HICCUP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** A wake-up due at {@code atNanos} that came {@code lateNanos} late. */
    record Hiccup(long atNanos, long lateNanos) {
    }

    private final ConcurrentLinkedQueue<Hiccup> seen = new ConcurrentLinkedQueue<>();
    /** A daemon: it watches for as long as the driver runs. */
    private final Thread watcher = new Thread(this::watch, "driver-hiccups");

    Hiccups() {
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch() {
        while (true) {
            long due = System.nanoTime() + TICK_NANOS;
            LockSupport.parkNanos(TICK_NANOS);
            long late = System.nanoTime() - due;
            if (late > HICCUP_NANOS) {
                seen.add(new Hiccup(due, late));
            }
        }
    }

    /** The hiccups due between two {@link System#nanoTime()} readings. */
    List<Hiccup> between(long fromNanos, long toNanos) {
        return seen.stream().filter(hiccup -> hiccup.atNanos() >= fromNanos && hiccup.atNanos() < toNanos).toList();
    }
}
