package org.broadcastallocation.load;

import java.io.PrintStream;
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
        endpoint(name).micros.recordValue(Math.max(1, (System.nanoTime() - startNanos) / 1_000));
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
        startedNanos = System.nanoTime();
        cpuAtStart = cpu;
    }

    void end(ServiceProcess.Cpu cpu) {
        endedNanos = System.nanoTime();
        cpuAtEnd = cpu;
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
        out.printf("%n== %s (%.1f s)%n", phase, seconds());
        out.printf("%-28s %8s %7s %9s %8s %8s %8s %8s%n", "endpoint", "count", "errors", "per s", "p50 ms",
                "p95 ms", "p99 ms", "max ms");
        endpoints.forEach((name, endpoint) -> {
            var histogram = endpoint.micros;
            out.printf("%-28s %8d %7d %9.0f %8.2f %8.2f %8.2f %8.2f%n", name, histogram.getTotalCount(),
                    endpoint.errors.get(), histogram.getTotalCount() / seconds(),
                    histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(95) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
        });
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
