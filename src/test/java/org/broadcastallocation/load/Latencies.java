package org.broadcastallocation.load;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;

/** Per endpoint of one phase: how many calls, how many failed, and the latency distribution of the good ones. */
final class Latencies {

    private final Map<String, Endpoint> endpoints = new ConcurrentSkipListMap<>();
    private final String phase;
    private long startedNanos = System.nanoTime();
    private long endedNanos;
    private ServiceProcess.Cpu cpuAtStart;
    private ServiceProcess.Cpu cpuAtEnd;
    private LocalTime startedAt;

    /** A call slower than this (the submissions' p99 target) is counted by when in the phase it was due. */
    private static final long SLOW_MICROS = 25_000;
    /** Slow calls by the 100 ms stretch of the phase they were due in: one stall or a spread tail. */
    private final Map<Long, AtomicLong> slowByStretch = new ConcurrentSkipListMap<>();
    /** Of the slow calls: their whole time, and the part before they were sent. */
    private final AtomicLong slowMicros = new AtomicLong();
    private final AtomicLong slowUnsentMicros = new AtomicLong();
    /** The driver's own pauses while the phase ran. */
    private List<Hiccups.Hiccup> hiccups = List.of();
    /** PostgreSQL checkpoints begun while the phase ran, or -1 when not known. */
    private long checkpoints = -1;

    Latencies(String phase) {
        this.phase = phase;
    }

    static final class Endpoint {
        final ConcurrentHistogram micros = new ConcurrentHistogram(60_000_000L, 3);
        final AtomicLong errors = new AtomicLong();
        final AtomicLong firstErrors = new AtomicLong();
    }

    Endpoint endpoint(String name) {
        return endpoints.computeIfAbsent(name, key -> new Endpoint());
    }

    void ok(String name, long startNanos) {
        ok(name, startNanos, startNanos);
    }

    /**
     * @param dueNanos when the call was due (it is timed from then)
     * @param sentNanos when the driver got round to sending it: a call sent late was late before the service saw it
     */
    void ok(String name, long dueNanos, long sentNanos) {
        long micros = Math.max(1, (System.nanoTime() - dueNanos) / 1_000);
        endpoint(name).micros.recordValue(micros);
        if (micros > SLOW_MICROS) {
            slowByStretch.computeIfAbsent((dueNanos - startedNanos) / 100_000_000L, k -> new AtomicLong())
                    .incrementAndGet();
            slowMicros.addAndGet(micros);
            slowUnsentMicros.addAndGet((sentNanos - dueNanos) / 1_000);
        }
    }

    /** Counts a failure; the first few are printed, so that a failing run says why. */
    void error(String name, String what) {
        var endpoint = endpoint(name);
        endpoint.errors.incrementAndGet();
        if (endpoint.firstErrors.incrementAndGet() <= 3) {
            System.err.println("[" + phase + "] " + name + ": " + what);
        }
    }

    /** @param cpu the CPU time used so far, to tell what the phase cost */
    void restart(ServiceProcess.Cpu cpu) {
        startedAt = LocalTime.now().truncatedTo(ChronoUnit.MILLIS);
        startedNanos = System.nanoTime();
        cpuAtStart = cpu;
    }

    void end(ServiceProcess.Cpu cpu) {
        endedNanos = System.nanoTime();
        cpuAtEnd = cpu;
    }

    /** Notes the driver's own pauses over the phase. */
    void driverPaused(Hiccups driver) {
        hiccups = driver.between(startedNanos, endedNanos);
    }

    void checkpointsBegun(long count) {
        checkpoints = count;
    }

    double seconds() {
        return ((endedNanos == 0 ? System.nanoTime() : endedNanos) - startedNanos) / 1e9;
    }

    long errors() {
        return endpoints.values().stream().mapToLong(endpoint -> endpoint.errors.get()).sum();
    }

    Endpoint get(String name) {
        return endpoints.get(name);
    }

    void print(PrintStream out) {
        out.printf("%n== %s (%.1f s from %s)%n", phase, seconds(), startedAt);
        out.printf("%-28s %8s %7s %9s %8s %8s %8s %8s%n", "endpoint", "count", "errors", "per s", "p50 ms",
                "p95 ms", "p99 ms", "max ms");
        endpoints.forEach((name, endpoint) -> {
            var histogram = endpoint.micros;
            out.printf("%-28s %8d %7d %9.0f %8.2f %8.2f %8.2f %8.2f%n", name, histogram.getTotalCount(),
                    endpoint.errors.get(), histogram.getTotalCount() / seconds(),
                    histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(95) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
        });
        if (!slowByStretch.isEmpty()) {
            var worst = slowByStretch.entrySet().stream()
                    .sorted(Map.Entry.<Long, AtomicLong>comparingByValue(
                            Comparator.comparingLong(AtomicLong::get)).reversed())
                    .limit(8).sorted(Map.Entry.comparingByKey())
                    .map(stretch -> String.format("%.1f s: %d", stretch.getKey() / 10.0, stretch.getValue().get()))
                    .toList();
            // Only a paced call can be sent after it was due; the others are timed from when they are sent.
            String unsent = slowUnsentMicros.get() == 0 ? "" : String.format(" (%.0f %% of their time passed before"
                    + " the driver sent them: due while the same broadcaster still waited for an earlier answer, or"
                    + " for a core)", 100.0 * slowUnsentMicros.get() / slowMicros.get());
            out.printf("Calls over %d ms: %d%s, most of them due in these 100 ms stretches of the phase: %s%n",
                    SLOW_MICROS / 1000, slowByStretch.values().stream().mapToLong(AtomicLong::get).sum(), unsent,
                    String.join(", ", worst));
        }
        if (!hiccups.isEmpty()) {
            out.printf("The driver itself was held up %d time(s) for over 20 ms (a thread asking to wake every ms woke"
                    + " late): %s%n", hiccups.size(), String.join(", ", hiccups.stream()
                            .map(hiccup -> String.format("%.0f ms at %.1f s", hiccup.lateNanos() / 1e6,
                                    (hiccup.atNanos() - startedNanos) / 1e9)).limit(8).toList()));
        }
        if (checkpoints > 0) {
            out.printf("PostgreSQL began %d checkpoint(s) during the phase: after one, the first change to each page"
                    + " writes the whole page to the WAL, so commits take longer for a while%n", checkpoints);
        }
        long calls = endpoints.values().stream().mapToLong(endpoint -> endpoint.micros.getTotalCount()).sum();
        if (calls > 0 && cpuAtStart != null && cpuAtEnd != null) {
            double service = (double) (cpuAtEnd.service() - cpuAtStart.service()) / calls;
            double database = (double) (cpuAtEnd.database() - cpuAtStart.database()) / calls;
            double driver = (double) (cpuAtEnd.driver() - cpuAtStart.driver()) / calls;
            out.printf("CPU per call: service %.2f ms, PostgreSQL %.2f ms, driver %.2f ms; together %.2f ms, so 2"
                    + " cores to themselves would serve at most ~%.0f calls/s%n", service, database, driver,
                    service + database + driver, 2000 / (service + database + driver));
        }
    }
}
