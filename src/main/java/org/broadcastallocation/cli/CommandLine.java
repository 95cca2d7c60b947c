package org.broadcastallocation.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.broadcastallocation.benchmark.AllocationBenchmark;
import org.broadcastallocation.engine.AllocationEngine;
import org.broadcastallocation.engine.ReportCheck;
import org.broadcastallocation.problem.InvalidProblemException;
import org.broadcastallocation.common.Json;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ProblemValidator;
import org.broadcastallocation.report.AllocationReport;
import org.broadcastallocation.samples.InstanceGenerator;

/**
 * The commands of the executable jar. Exit codes: 0 done, 1 the document (or report) is refused, 2 the command line
 * is wrong, 3 a file cannot be read or written.
 */
public final class CommandLine {

    public static final Set<String> COMMANDS = Set.of("solve", "validate", "generate", "verify", "benchmark", "help");

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int IO = 3;

    private static final String USAGE_TEXT = """
            Usage: java -jar broadcast-allocation.jar COMMAND [OPTIONS]
              (no command: start the service)

              solve    --problem FILE [--report FILE|-] [--seconds N] [--strategy optimise|fcfs]
                       Allocate a problem document; the report goes to FILE or stdout, progress to stderr.
              validate --problem FILE
                       Check a problem document; every bad item is listed.
              generate --requests N --seed S [--scale F] --out FILE
                       Write a realistic instance after the Hague case (same arguments, same file).
              verify   --problem FILE --report FILE
                       Recompute a report's score from its allocations; refuses a report that breaks a rule.
              benchmark [--seconds 30] [--compare-seconds 10] [--samples data-samples]
                       Compare solver configurations (HTML under target/benchmark/), then measure the
                       production one on the samples and on generated 4x and 10x instances.
            """;

    private final PrintStream out;
    private final PrintStream err;

    public CommandLine(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            out.print(USAGE_TEXT);
            return args.length == 0 ? USAGE : OK;
        }
        try {
            var options = Options.parse(args);
            return switch (args[0]) {
                case "solve" -> solve(options);
                case "validate" -> validate(options);
                case "generate" -> generate(options);
                case "verify" -> verify(options);
                case "benchmark" -> benchmark(options);
                default -> usage("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            return usage(e.getMessage());
        } catch (InvalidProblemException e) {
            err.println("refused: " + e.getMessage());
            return REFUSED;
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
            return IO;
        } catch (JsonProcessingException e) {
            err.println("refused: " + Json.describe(e));
            return REFUSED;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return IO;
        }
    }

    private int solve(Options options) throws IOException {
        options.allowOnly("problem", "report", "seconds", "strategy");
        var strategy = switch (options.get("strategy", "optimise").toLowerCase(Locale.ROOT)) {
            case "optimise", "optimize" -> AllocationEngine.Strategy.OPTIMISE;
            case "fcfs" -> AllocationEngine.Strategy.FCFS;
            default -> throw new UsageException("--strategy is optimise or fcfs");
        };
        Duration limit = options.has("seconds") ? Duration.ofSeconds(options.positiveInt("seconds")) : null;
        var document = read(options.required("problem"));
        ProblemValidator.warnings(document).forEach(warning -> err.println("warning: " + warning));
        var engine = AllocationEngine.withProjectConfig();
        err.printf("solving %s: %d requests, %d resources%s%n", document.event().id(), document.requests().size(),
                document.resources().size(), limit == null ? "" : ", at most " + limit.toSeconds() + " s");
        var report = engine.solve(document, strategy, limit, best -> err.printf("%8.1f s  best %s%s%n",
                best.millis() / 1000.0, best.score(), best.initialized() ? "" : " (constructing)"));
        var summary = report.summary();
        err.printf("done in %.1f s: score %dhard/%dmedium/%dsoft, %d of %d requests served (weight %d, unserved %d)%n",
                report.solvingMillis() / 1000.0, report.score().hard(), report.score().medium(),
                report.score().soft(), summary.served(), summary.requests(), summary.servedWeight(),
                summary.unservedWeight());
        if (report.comparison() != null) {
            var comparison = report.comparison();
            err.printf("first-come would serve %d (weight %d, unserved %d): %+d requests, %+d weight, "
                            + "%s%% less unserved weight%n",
                    comparison.baselineSummary().served(), comparison.baselineSummary().servedWeight(),
                    comparison.baselineSummary().unservedWeight(), comparison.moreRequestsServed(),
                    comparison.moreWeightServed(), comparison.unservedWeightReductionPercent());
        }
        err.printf("%s (no allocation leaves less than %d unserved)%n", report.bounds().inWords(),
                -report.bounds().medium());
        write(options.get("report", "-"), report);
        return OK;
    }

    private int validate(Options options) throws IOException {
        options.allowOnly("problem");
        var document = read(options.required("problem"));
        var violations = ProblemValidator.validate(document);
        ProblemValidator.warnings(document).forEach(warning -> err.println("warning: " + warning));
        if (!violations.isEmpty()) {
            err.println("refused: " + violations.size() + " problem(s) in the document:");
            violations.forEach(violation -> err.println("  " + violation));
            return REFUSED;
        }
        out.printf("valid: %d requests, %d resources, %d organisations%n", document.requests().size(),
                document.resources().size(), document.organisations().size());
        return OK;
    }

    private int generate(Options options) throws IOException {
        options.allowOnly("requests", "seed", "scale", "out");
        int requests = options.positiveInt("requests");
        long seed = options.longValue("seed");
        double scale = options.has("scale") ? options.positiveDouble("scale") : 1.0;
        var document = InstanceGenerator.generate(requests, seed, scale);
        write(options.required("out"), document);
        err.printf("wrote %d requests on %d resources to %s%n", document.requests().size(),
                document.resources().size(), options.required("out"));
        return OK;
    }

    private int verify(Options options) throws IOException {
        options.allowOnly("problem", "report");
        var document = read(options.required("problem"));
        var report = Json.mapper().readValue(Files.readAllBytes(Path.of(options.required("report"))),
                AllocationReport.class);
        var outcome = ReportCheck.check(document, report, AllocationEngine.withProjectConfig().scoring());
        out.printf("reported %s, recomputed %s%n", outcome.reported(), outcome.recomputed());
        outcome.problems().forEach(problem -> err.println("refused: " + problem));
        return outcome.ok() ? OK : REFUSED;
    }

    private int benchmark(Options options) throws IOException {
        options.allowOnly("seconds", "compare-seconds", "samples");
        var seconds = Duration.ofSeconds(options.has("seconds") ? options.positiveInt("seconds") : 30);
        var compareSeconds = options.has("compare-seconds") ? options.nonNegativeInt("compare-seconds") : 10;
        var benchmark = new AllocationBenchmark(out);
        var instances = AllocationBenchmark.instances(Path.of(options.get("samples", "data-samples")));
        if (compareSeconds > 0) {
            benchmark.compareConfigurations(instances, Duration.ofSeconds(compareSeconds));
        }
        var figures = new ArrayList<AllocationBenchmark.Figures>();
        for (var instance : instances) {
            err.printf("measuring %s (%d requests) for %d s%n", instance.name(), instance.document().requests().size(),
                    seconds.toSeconds());
            figures.add(benchmark.measure(instance, seconds));
        }
        benchmark.print(figures);
        return OK;
    }

    private ProblemDocument read(String file) throws IOException {
        return Json.mapper().readValue(Files.readAllBytes(Path.of(file)), ProblemDocument.class);
    }

    private void write(String file, Object value) throws IOException {
        if (file.equals("-")) {
            out.println(Json.mapper().writeValueAsString(value));
            return;
        }
        Path path = Path.of(file);
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Json.mapper().writeValue(path.toFile(), value);
    }

    private int usage(String message) {
        err.println("error: " + message);
        err.print(USAGE_TEXT);
        return USAGE;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** {@code --name value} pairs after the command word. */
    record Options(Map<String, String> values) {

        static Options parse(String[] args) {
            var values = new HashMap<String, String>();
            for (int i = 1; i < args.length; i += 2) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new UsageException("expected --option value, got '" + args[i] + "'");
                }
                values.put(args[i].substring(2), args[i + 1]);
            }
            return new Options(values);
        }

        void allowOnly(String... names) {
            var allowed = List.of(names);
            values.keySet().stream().filter(name -> !allowed.contains(name)).findFirst().ifPresent(name -> {
                throw new UsageException("unknown option --" + name);
            });
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        String get(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        String required(String name) {
            if (!has(name)) {
                throw new UsageException("--" + name + " is required");
            }
            return values.get(name);
        }

        int positiveInt(String name) {
            return intAtLeast(name, 1);
        }

        int nonNegativeInt(String name) {
            return intAtLeast(name, 0);
        }

        private int intAtLeast(String name, int minimum) {
            int value;
            try {
                value = Integer.parseInt(required(name));
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a whole number");
            }
            if (value < minimum) {
                throw new UsageException("--" + name + " must be at least " + minimum);
            }
            return value;
        }

        long longValue(String name) {
            try {
                return Long.parseLong(required(name));
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a whole number");
            }
        }

        double positiveDouble(String name) {
            try {
                double value = Double.parseDouble(required(name));
                if (!(value > 0) || Double.isInfinite(value)) {
                    throw new UsageException("--" + name + " must be a positive number");
                }
                return value;
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a number");
            }
        }
    }
}
