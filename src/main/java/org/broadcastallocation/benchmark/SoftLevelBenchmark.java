package org.broadcastallocation.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import ai.timefold.solver.core.config.solver.SolverConfig;

import org.broadcastallocation.allocation.AllocationConstraints;
import org.broadcastallocation.allocation.AllocationPlan;
import org.broadcastallocation.allocation.AllocationSolver;
import org.broadcastallocation.allocation.Booking;
import org.broadcastallocation.allocation.PlanBuilder;
import org.broadcastallocation.allocation.Scoring;
import org.broadcastallocation.engine.ReportCheck;
import org.broadcastallocation.common.Json;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.report.AllocationReport;
import org.broadcastallocation.report.ReportBuilder;
import org.broadcastallocation.samples.InstanceGenerator;
import org.broadcastallocation.allocation.BoundSearch;

/**
 * The soft level at summit size, against the best allocation known: the previous production configuration and
 * today's, run one after the other on each instance, in the same process, a few times each. Prints per run and per
 * instance the medium and soft levels, what the soft level is made of, the gap to the best known soft level at the
 * same medium, and the time to the first feasible solution. A benchmark, not a test: it asserts nothing.
 *
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=org.broadcastallocation.benchmark.SoftLevelBenchmark \
 *     -Dsoft.instances=hague-2025,seed-101 -Dsoft.seconds=30 -Dsoft.repeats=2
 * </pre>
 *
 * {@code hague-2025} is the sample, {@code seed-N} the generator's 300 requests at scale 1 with seed N. The best known
 * allocation of the Hague sample is {@code data-samples/hague-2025-best-known.json} (CP-SAT, 90 s), scored here by the
 * engine's own rules; a generated instance's best known is the best of all runs of this process, and of one longer
 * run of today's configuration when {@code -Dsoft.referenceSeconds=} is given.
 */
public final class SoftLevelBenchmark {

    static final String BASELINE_CONFIG = "solver-config/baseline-2026-12-02.xml";
    /** The soft-phase experiment, not yet the default (see its opening comment). */
    static final String TWO_PHASE_CONFIG = "solver-config/two-phase-soft.xml";
    private static final String BEST_KNOWN = "data-samples/%s-best-known.json";

    private final PrintStream out;
    private final Scoring scoring;

    public SoftLevelBenchmark(PrintStream out) {
        this.out = out;
        this.scoring = new Scoring(AllocationSolver.loadConfig());
    }

    /**
     * A solver configuration to compare, by name; each repeat runs it with another random seed. {@code exact}: the
     * round's CP-SAT search runs beside it and hands over its allocations, as a service round does.
     */
    public record Candidate(String name, SolverConfig config, boolean warmStart, boolean exact) {

        static Candidate of(String name, String file, boolean warmStart, boolean exact) {
            return new Candidate(name, SolverConfig.createFromXmlFile(Path.of(file).toFile()), warmStart, exact);
        }

        public AllocationSolver solver(long seed) {
            var solver = new AllocationSolver(config.copyConfig().withRandomSeed(seed));
            return warmStart ? solver : solver.withoutWarmStart();
        }
    }

    /** One run: the best score, its soft terms, the first feasible solution's time, whether it rescored equal. */
    public record Run(String instance, String candidate, HardMediumSoftScore score, Map<String, Long> soft,
            Long firstFeasibleMillis, boolean rescores) {
    }

    public static void main(String[] args) throws IOException {
        var instances = List.of(System.getProperty("soft.instances", "hague-2025").split(","));
        var seconds = Duration.ofSeconds(Long.getLong("soft.seconds", 30));
        int repeats = Integer.getInteger("soft.repeats", 2);
        long referenceSeconds = Long.getLong("soft.referenceSeconds", 0);
        var benchmark = new SoftLevelBenchmark(System.out);
        var candidates = new ArrayList<>(List.of(
                Candidate.of("baseline", BASELINE_CONFIG, false, false),
                new Candidate("alone", AllocationSolver.loadConfig(), true, false),
                new Candidate("today", AllocationSolver.loadConfig(), true, true),
                Candidate.of("two-phase-soft", TWO_PHASE_CONFIG, true, true)));
        // More configurations to try beside them: -Dsoft.candidates=a.xml,b.xml (named by file).
        for (String file : System.getProperty("soft.candidates", "").split(",")) {
            if (!file.isBlank()) {
                candidates.add(Candidate.of(Path.of(file).getFileName().toString().replace(".xml", ""), file, true,
                        true));
            }
        }
        // Fewer to run on a busy machine: -Dsoft.only=today,two-phase-soft.
        var only = System.getProperty("soft.only", "");
        if (!only.isBlank()) {
            var names = List.of(only.split(","));
            candidates.removeIf(candidate -> !names.contains(candidate.name()));
        }
        for (String name : instances) {
            var document = instance(name);
            var bestKnown = benchmark.bestKnown(name, document);
            // The medium yardstick: CP-SAT's bound (proved at summit size), the one every report now carries.
            var bound = BoundSearch.start(PlanBuilder.build(document), Duration.ofSeconds(60), BoundSearch.WORKERS)
                    .awaitEnd();
            System.out.printf("%n%s: no allocation leaves less than %d unserved (%s)%n", name,
                    bound.unservedFloor(), bound.method());
            if (referenceSeconds > 0) {
                var reference = benchmark.run(name, document,
                        new Candidate("reference", AllocationSolver.loadConfig(), true, true), 0,
                        Duration.ofSeconds(referenceSeconds));
                benchmark.printRun(reference);
                bestKnown = better(bestKnown, reference.score());
            }
            var ofInstance = new ArrayList<Run>();
            for (int repeat = 0; repeat < repeats; repeat++) {
                for (Candidate candidate : candidates) {
                    var run = benchmark.run(name, document, candidate, repeat, seconds);
                    benchmark.printRun(run);
                    ofInstance.add(run);
                }
            }
            var bestSeen = bestKnown;
            for (Run run : ofInstance) {
                bestSeen = better(bestSeen, run.score());
            }
            // A stored best known allocation is the yardstick when there is one; else the best this process saw.
            benchmark.summarise(name, bestKnown == null ? bestSeen : bestKnown, bestSeen, ofInstance, candidates);
        }
    }

    /** The sample by name, or the generator's summit-size instance for {@code seed-N}. */
    static ProblemDocument instance(String name) throws IOException {
        if (name.startsWith("seed-")) {
            return InstanceGenerator.generate(300, Long.parseLong(name.substring("seed-".length())), 1.0);
        }
        return Json.mapper().readValue(Files.readAllBytes(Path.of("data-samples", name + ".json")),
                ProblemDocument.class);
    }

    /** The stored best known allocation's score under the engine's rules, or null when there is none. */
    HardMediumSoftScore bestKnown(String name, ProblemDocument document) throws IOException {
        Path file = Path.of(String.format(BEST_KNOWN, name));
        if (!Files.isRegularFile(file)) {
            return null;
        }
        var report = Json.mapper().readValue(Files.readAllBytes(file), AllocationReport.class);
        var problems = new ArrayList<String>();
        var plan = ReportCheck.placed(document, report, problems);
        var score = scoring.score(plan);
        out.printf("%s best known (%s): %s, %s%s%n", name, file, score, softTerms(plan),
                problems.isEmpty() ? "" : " PROBLEMS " + problems);
        return score;
    }

    /** One run of the candidate with the random seed {@code seed}. */
    public Run run(String name, ProblemDocument document, Candidate candidate, long seed, Duration limit) {
        AllocationPlan plan = PlanBuilder.build(document);
        int nothingServed = -plan.getBookings().stream().mapToInt(Booking::weight).sum();
        var firstFeasible = new AtomicLong(-1);
        var bound = candidate.exact() ? BoundSearch.start(plan, limit, BoundSearch.WORKERS) : null;
        AllocationPlan best = candidate.solver(seed).solve(plan, limit, progress -> {
            if (progress.initialized() && progress.score().isFeasible()
                    && progress.score().mediumScore() > nothingServed) {
                firstFeasible.compareAndSet(-1, progress.millis());
            }
            if (Boolean.getBoolean("soft.trace")) {
                out.printf("    %s %s at %d ms: %s%n", name, candidate.name(), progress.millis(), progress.score());
            }
        }, bound);
        if (bound != null) {
            bound.finish();
        }
        var recomputed = scoring.score(best);
        String reports = System.getProperty("soft.reports");
        if (reports != null) {
            writeReport(Path.of(reports, name + "-" + candidate.name() + ".json"), document, best);
        }
        return new Run(name, candidate.name(), best.getScore(), softTerms(best),
                firstFeasible.get() < 0 ? null : firstFeasible.get(), recomputed.equals(best.getScore()));
    }

    private void writeReport(Path file, ProblemDocument document, AllocationPlan best) {
        try {
            Files.createDirectories(file.getParent());
            Json.mapper().writeValue(file.toFile(),
                    new ReportBuilder(scoring).build(document, best, null, "SOLVED", "optimise", 0, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Long> softTerms(AllocationPlan plan) {
        var terms = new LinkedHashMap<String, Long>();
        for (String rule : List.of(AllocationConstraints.WALKING, AllocationConstraints.PREFERENCES,
                AllocationConstraints.TIMING, AllocationConstraints.STABILITY)) {
            terms.put(rule, 0L);
        }
        for (var constraint : scoring.analyze(plan, false).constraintAnalyses()) {
            if (terms.containsKey(constraint.constraintName())) {
                terms.put(constraint.constraintName(), (long) -constraint.score().softScore());
            }
        }
        return terms;
    }

    void printRun(Run run) {
        out.printf("%-12s %-10s %-24s first feasible %5s ms  walking %6d  preferences %5d  timing %6d  %s%n",
                run.instance(), run.candidate(), run.score(), run.firstFeasibleMillis(),
                run.soft().get(AllocationConstraints.WALKING), run.soft().get(AllocationConstraints.PREFERENCES),
                run.soft().get(AllocationConstraints.TIMING), run.rescores() ? "rescores equal" : "RESCORE DIFFERS");
    }

    void summarise(String name, HardMediumSoftScore bestKnown, HardMediumSoftScore bestSeen, List<Run> runs,
            List<Candidate> candidates) {
        out.printf("%n%s: gaps against %s (best seen in this run: %s)%n", name, bestKnown, bestSeen);
        out.printf("  %-10s %-24s %-26s %-26s %-16s%n", "", "medium min/median/max", "soft min/median/max",
                "soft gap to best known", "first feasible");
        for (Candidate candidate : candidates) {
            var mine = runs.stream().filter(run -> run.candidate().equals(candidate.name())).toList();
            long[] medium = mine.stream().mapToLong(run -> run.score().mediumScore()).sorted().toArray();
            long[] soft = mine.stream().mapToLong(run -> run.score().softScore()).sorted().toArray();
            long[] feasible = mine.stream().mapToLong(run -> run.firstFeasibleMillis() == null ? -1
                    : run.firstFeasibleMillis()).sorted().toArray();
            var gaps = mine.stream().map(run -> gap(run.score(), bestKnown)).toList();
            out.printf("  %-10s %-24s %-26s %-26s %-16s%n", candidate.name(), spread(medium), spread(soft),
                    String.join(" ", gaps), feasible[feasible.length - 1] + " ms max");
        }
        out.println();
    }

    /** "1.0 %" above the best known soft at the same medium, or the medium gap when the medium is worse. */
    static String gap(HardMediumSoftScore score, HardMediumSoftScore bestKnown) {
        if (bestKnown == null || score.hardScore() < 0) {
            return score.hardScore() < 0 ? "INFEASIBLE" : "-";
        }
        if (score.mediumScore() < bestKnown.mediumScore()) {
            return String.format("medium+%.1f%%", 100.0 * (bestKnown.mediumScore() - score.mediumScore())
                    / Math.max(1, -bestKnown.mediumScore()));
        }
        if (score.mediumScore() > bestKnown.mediumScore()) {
            return "medium-better";
        }
        return String.format("%.1f%%", 100.0 * (bestKnown.softScore() - score.softScore())
                / Math.max(1, -bestKnown.softScore()));
    }

    private static String spread(long[] sorted) {
        return sorted[0] + "/" + sorted[sorted.length / 2] + "/" + sorted[sorted.length - 1];
    }

    private static HardMediumSoftScore better(HardMediumSoftScore known, HardMediumSoftScore found) {
        if (found.hardScore() < 0) {
            return known;
        }
        return known == null ? found : List.of(known, found).stream().max(Comparator.naturalOrder()).orElseThrow();
    }
}
