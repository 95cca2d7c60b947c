package org.broadcastallocation.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import ai.timefold.solver.benchmark.api.PlannerBenchmarkFactory;
import ai.timefold.solver.benchmark.config.PlannerBenchmarkConfig;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import ai.timefold.solver.core.impl.solver.DefaultSolver;

import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.AllocationSolver;
import org.broadcastallocation.allocation.BoundSearch;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.FirstComeFirstServed;
import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.allocation.Scoring;
import org.broadcastallocation.common.Json;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.report.ReportBuilder;
import org.broadcastallocation.samples.InstanceGenerator;

/**
 * The engine's speed and quality, in figures: Timefold's benchmarker compares the candidate solver configurations
 * (HTML report under target/benchmark/), then the production configuration is run on each instance and measured
 * against first-come-first-served on the same problem, in the same process.
 */
public final class AllocationBenchmark {

    /** Seeds of the generated instances: fixed, so that runs compare. */
    static final long SEED_4X = 4;
    static final long SEED_10X = 10;

    private final PrintStream out;

    public AllocationBenchmark(PrintStream out) {
        this.out = out;
    }

    public record Instance(String name, ProblemDocument document) {
    }

    /** Per instance: what the production configuration achieved and how fast. */
    public record Figures(String instance, int requests, long buildMillis, Long firstFeasibleMillis,
            HardMediumSoftScore bestAt10s, HardMediumSoftScore bestAt30s, HardMediumSoftScore finalScore,
            long moveEvaluationsPerSecond, long peakHeapMegabytes, long servedWeight, long firstComeServedWeight,
            long unservedWeight, long firstComeUnservedWeight, boolean scoreRecomputes) {
    }

    public static List<Instance> instances(Path samples) throws IOException {
        var instances = new ArrayList<Instance>();
        for (String sample : List.of("tiny.json", "hague-2025.json")) {
            Path file = samples.resolve(sample);
            if (Files.isRegularFile(file)) {
                instances.add(new Instance(sample.replace(".json", ""),
                        Json.mapper().readValue(Files.readAllBytes(file), ProblemDocument.class)));
            }
        }
        instances.add(new Instance("generated-4x", InstanceGenerator.generate(1200, SEED_4X, 4.0)));
        instances.add(new Instance("generated-10x", InstanceGenerator.generate(3000, SEED_10X, 10.0)));
        return instances;
    }

    /** Timefold's benchmarker over the candidate configurations; returns the HTML report's folder. */
    public Path compareConfigurations(List<Instance> instances, Duration perRun) {
        var config = PlannerBenchmarkConfig.createFromXmlFile(Path.of("solver-config/benchmark-config.xml").toFile());
        config.getInheritedSolverBenchmarkConfig().getSolverConfig()
                .setTerminationConfig(new TerminationConfig().withSpentLimit(perRun));
        var plans = instances.stream().map(instance -> PlanBuilder.build(instance.document())).toArray();
        var benchmark = PlannerBenchmarkFactory.create(config).buildPlannerBenchmark(plans);
        var directory = benchmark.benchmark();
        out.println("configuration comparison (HTML): " + directory.toPath().resolve("index.html"));
        return directory.toPath();
    }

    /** The production configuration on one instance, for {@code seconds}. */
    public Figures measure(Instance instance, Duration limit) {
        var config = AllocationSolver.loadConfig();
        var scoring = new Scoring(config);
        var firstCome = FirstComeFirstServed.allocate(PlanBuilder.build(instance.document()),
                FirstComeFirstServed.submissionOrder(instance.document().requests()));
        var firstComeSummary = ReportBuilder.summarise(firstCome);

        System.gc();
        var heap = new HeapSampler();
        heap.start();
        long buildStart = System.nanoTime();
        AllocationPlan plan = PlanBuilder.build(instance.document());
        long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;

        var termination = new TerminationConfig().withSpentLimit(limit);
        @SuppressWarnings("unchecked")
        var solver = (DefaultSolver<AllocationPlan>) SolverFactory.<AllocationPlan>create(
                AllocationSolver.forSize(config, plan).withTerminationConfig(termination)).buildSolver();
        var firstFeasible = new AtomicLong(-1);
        var improvements = new ArrayList<Improvement>();
        // Everything unassigned is feasible too, and worthless: the first feasible solution that counts serves
        // something, which is what the construction heuristic hands over.
        int nothingServed = -plan.getBookings().stream().mapToInt(Booking::weight).sum();
        // As a round runs: CP-SAT beside the solver, handing over what it finds (from 1,000 requests on, once the
        // construction is done). Timed here: Timefold restarts its own clock when it takes a handed-over part.
        var constructed = new CompletableFuture<Void>();
        var bound = BoundSearch.start(plan, limit, BoundSearch.WORKERS, constructed);
        bound.seed(solver);
        long started = System.nanoTime();
        solver.addEventListener(event -> {
            var score = (HardMediumSoftScore) event.getNewBestScore();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (event.isNewBestSolutionInitialized()) {
                constructed.complete(null);
            }
            if (event.isNewBestSolutionInitialized() && score.isFeasible() && score.mediumScore() > nothingServed) {
                firstFeasible.compareAndSet(-1, millis);
            }
            improvements.add(new Improvement(millis, score));
        });
        AllocationPlan best = solver.solve(plan);
        bound.finish();
        heap.stopSampling();

        var summary = ReportBuilder.summarise(best);
        var recomputed = scoring.score(best);
        return new Figures(instance.name(), instance.document().requests().size(), buildMillis,
                firstFeasible.get() < 0 ? null : firstFeasible.get(), bestAt(improvements, 10_000),
                bestAt(improvements, 30_000), best.getScore(), solver.getMoveEvaluationSpeed(),
                heap.peakMegabytes(), summary.servedWeight(), firstComeSummary.servedWeight(),
                summary.unservedWeight(), firstComeSummary.unservedWeight(), recomputed.equals(best.getScore()));
    }

    private record Improvement(long millis, HardMediumSoftScore score) {
    }

    /** The best score known at that time of the run (null: nothing yet). */
    private static HardMediumSoftScore bestAt(List<Improvement> improvements, long millis) {
        HardMediumSoftScore best = null;
        for (Improvement improvement : improvements) {
            if (improvement.millis() <= millis) {
                best = improvement.score();
            }
        }
        return best;
    }

    public void print(List<Figures> figures) {
        out.println();
        out.printf("%-15s %6s %7s %9s %28s %28s %11s %9s %13s %13s %8s %6s%n", "instance", "reqs", "build",
                "feasible", "best at 10 s", "best at 30 s", "moves/s", "peak heap", "served wt", "first-come wt",
                "-unserv", "rescore");
        for (Figures f : figures) {
            double reduction = f.firstComeUnservedWeight() == 0 ? 0
                    : 100.0 * (f.firstComeUnservedWeight() - f.unservedWeight()) / f.firstComeUnservedWeight();
            out.printf("%-15s %6d %5d ms %6s ms %28s %28s %11d %6d MB %13d %13d %7.1f%% %6s%n", f.instance(),
                    f.requests(), f.buildMillis(), f.firstFeasibleMillis() == null ? "never" : f.firstFeasibleMillis(),
                    f.bestAt10s(), f.bestAt30s(), f.moveEvaluationsPerSecond(), f.peakHeapMegabytes(),
                    f.servedWeight(), f.firstComeServedWeight(), reduction, f.scoreRecomputes() ? "equal" : "DIFFERS");
        }
        out.println("served wt / first-come wt: " + String.join(", ", figures.stream()
                .map(f -> f.instance() + " " + String.format("%.3f", f.firstComeServedWeight() == 0 ? 1.0
                        : (double) f.servedWeight() / f.firstComeServedWeight()))
                .toList()));
        out.println("-unserv: how much less weight is left unserved than first-come leaves (target 45-50 %).");
    }

    /** Samples the used heap every 20 ms: the peak a run needs, garbage included. */
    private static final class HeapSampler extends Thread {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;

        HeapSampler() {
            setDaemon(true);
            setName("heap-sampler");
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopSampling() {
            running = false;
        }

        long peakMegabytes() {
            return peak.get() / (1024 * 1024);
        }
    }
}
