package org.broadcastallocation.promises;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.promises.SequenceRunner.Result;

/**
 * The service's promises under random sequences of what planners, broadcasters, site editors and failures do, over
 * two instances on one PostgreSQL database: rounds created (some what-ifs), solved, stopped, published (also two at
 * once), requests amended, cancelled, rejected and submitted late, resources closed, an instance killed mid-solve,
 * solvers crowded. After every step the database is read directly and every promise of {@link Invariant} checked
 * against a model of the answers given. A broken promise is shrunk to a shorter sequence that still breaks it.
 *
 * <p>Seeded: {@code -Dpromises.seed=} (default 20250624), {@code -Dpromises.sequences=} (300; 2,000 for a long run),
 * {@code -Dpromises.length=} (at most 30 actions), {@code -Dpromises.shrinkSeconds=} (per promise broken, 20),
 * {@code -Dpromises.replay="CREATE_ROUND(0,0)@0 SOLVE(0,0)@1 ..."} runs a printed sequence instead (several,
 * between {@code |}); {@code -Dpromises.verbose=true} prints every sequence. The figures are printed and written to
 * {@code target/promises-kept.txt}.
 */
class PromisesKeptTest {

    private static final long SEED = Long.getLong("promises.seed", 20250624L);
    private static final int SEQUENCES = Integer.getInteger("promises.sequences", 300);
    private static final int LENGTH = Integer.getInteger("promises.length", 30);
    private static final int SHRINK_SECONDS = Integer.getInteger("promises.shrinkSeconds", 20);
    private static final String REPLAY = System.getProperty("promises.replay", "");
    private static final boolean VERBOSE = Boolean.getBoolean("promises.verbose");
    /**
     * Bigger events whose rounds keep an instance's solver busy (CROWD): copies of the Hague sample. Two are enough:
     * the second waits for the first (about a second) and then for its first heartbeat (2 s), longer than the
     * heartbeat timeout.
     */
    private static final List<String> CROWD_EVENTS = List.of("crowd-1", "crowd-2");

    /**
     * Ways the service was seen to break a promise, written out so that each run tries them whatever the seed
     * draws: a stale round ending after a publish; an amendment after the snapshot, then the publish; two rounds
     * on the same pins published at once; an amendment before the solve; a solve queued behind others; a slot
     * request that no open resource fits (SO-1 closed); a round stopped from the other instance before its solver
     * began (it was left SOLVING without a heartbeat, then INTERRUPTED).
     */
    private static final List<String> KNOWN = List.of(
            "CREATE_ROUND(0,0)@0 CREATE_ROUND(0,0)@0 SOLVE(6,0)@0 WAIT(0,0)@0 SOLVE(0,0)@1 PUBLISH(6,0)@0 WAIT(0,0)@0",
            "CREATE_ROUND(0,0)@0 SOLVE(0,0)@0 WAIT(0,0)@0 AMEND(1,0)@1 PUBLISH(0,0)@0",
            "CREATE_ROUND(0,0)@0 CREATE_ROUND(0,0)@0 SOLVE(0,0)@0 WAIT(0,0)@0 SOLVE(6,0)@1 WAIT(0,0)@0"
                    + " PUBLISH_TWO(0,0)@0",
            "CREATE_ROUND(0,0)@0 AMEND(2,1)@0 SOLVE(0,0)@0 WAIT(0,0)@0",
            "CROWD(0,0)@0 CREATE_ROUND(0,0)@0 SOLVE(0,0)@0 WAIT(0,0)@0",
            "CLOSE_RESOURCE(3,0)@0 CREATE_ROUND(0,0)@0 SOLVE(0,0)@0 WAIT(0,0)@0",
            "CREATE_ROUND(0,0)@0 SOLVE(0,0)@0 STOP(0,0)@1 WAIT(0,0)@1");

    private static EmbeddedPostgres database;
    private static SingleConnectionDataSource connection;
    private static ServiceInstances instances;

    @BeforeAll
    static void startTwoInstancesOnOneDatabase() throws IOException {
        database = EmbeddedPostgres.builder().setServerConfig("max_connections", "100").start();
        instances = new ServiceInstances(database);
        connection = new SingleConnectionDataSource(database.getJdbcUrl("postgres", "postgres"), "postgres", "",
                true);
        var sample = (ObjectNode) new ObjectMapper().readTree(Files.readString(Path.of(
                "data-samples/hague-2025.json")));
        var api = instances.live().get(0).api();
        for (String event : CROWD_EVENTS) {
            ((ObjectNode) sample.get("event")).put("id", event);
            var imported = api.call(ApiClient.PLANNER, "POST", "/api/events", sample.toString());
            assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (instances != null) {
            instances.close();
        }
        if (connection != null) {
            connection.destroy();
        }
        if (database != null) {
            database.close();
        }
    }

    /** The shortest sequence seen to break a promise, and what it broke. */
    private record Failure(long seed, List<Action> actions, Result result) {
    }

    @Test
    void everyPromiseHoldsAfterEveryStep() throws IOException {
        var figures = new Figures();
        var runner = new SequenceRunner(instances, new InvariantChecker(JdbcClient.create(connection)),
                CROWD_EVENTS);
        var shortest = new EnumMap<Invariant, Failure>(Invariant.class);
        long began = System.currentTimeMillis();
        var random = new SplittableRandom(SEED);
        var written = REPLAY.isBlank() ? KNOWN : List.of(REPLAY.split("\\|"));
        int sequences = written.size() + (REPLAY.isBlank() ? SEQUENCES : 0);
        for (int i = 0; i < sequences; i++) {
            long seed = i < written.size() ? 0 : random.nextLong();
            var actions = i < written.size() ? Action.parse(written.get(i)) : Action.sequence(seed, LENGTH);
            var result = runner.run(actions, figures);
            figures.sequences++;
            if (VERBOSE) {
                System.out.println("sequence " + i + " (seed " + seed + "): " + (result.failed() ? result.broken()
                        : "kept") + "\n" + String.join("\n", result.steps().stream().map(Object::toString).toList()));
            }
            if (result.failed()) {
                var prefix = actions.subList(0, Math.min(actions.size(), result.failedAt()));
                result.broken().stream().map(Invariant.Broken::invariant).distinct().forEach(invariant -> {
                    figures.broke(invariant);
                    var known = shortest.get(invariant);
                    if (known == null || prefix.size() < known.actions().size()) {
                        shortest.put(invariant, new Failure(seed, List.copyOf(prefix), result));
                    }
                });
            }
        }
        long ran = System.currentTimeMillis() - began;

        var report = new StringBuilder("Promises kept: " + written.size() + " written sequences and "
                + (sequences - written.size()) + " drawn from seed " + SEED + ", of up to " + LENGTH
                + " actions, over two instances on one database\n");
        var shrunk = new EnumMap<Invariant, Failure>(Invariant.class);
        shortest.forEach((invariant, failure) -> shrunk.put(invariant, shrink(runner, figures, invariant, failure)));
        report.append(figures.summary(ran, instances)).append('\n');
        shrunk.forEach((invariant, failure) -> report.append(describe(invariant, failure)));
        report.append("in all ").append((System.currentTimeMillis() - began) / 1000).append(" s\n");
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/promises-kept.txt"), report);

        assertThat(shrunk).as(report.toString()).isEmpty();
    }

    /**
     * First drops the steps that did nothing (no round yet, a refusal), then ever smaller runs of actions (delta
     * debugging), as long as the rest still breaks the same promise, within a time budget. Each try replays against
     * the live service on a fresh event, so a try that happens not to break it (timing) only keeps the longer one.
     */
    private static Failure shrink(SequenceRunner runner, Figures figures, Invariant invariant, Failure failure) {
        long deadline = System.nanoTime() + SHRINK_SECONDS * 1_000_000_000L;
        var current = failure;
        for (var idle : SHRINK_SECONDS > 0 ? List.of(IDLE, REFUSED) : List.<Pattern>of()) {
            var steps = current.result().steps();
            var candidate = new ArrayList<Action>();
            for (int i = 0; i < current.actions().size(); i++) {
                if (i >= steps.size() || !idle.matcher(steps.get(i).outcome()).find()) {
                    candidate.add(current.actions().get(i));
                }
            }
            if (candidate.size() < current.actions().size() && !candidate.isEmpty()) {
                current = tryShrunk(runner, figures, invariant, current, candidate);
            }
        }
        int granularity = 2;
        while (current.actions().size() > 1 && System.nanoTime() < deadline) {
            var actions = current.actions();
            int chunk = (actions.size() + granularity - 1) / granularity;
            boolean reduced = false;
            for (int start = 0; start < actions.size() && System.nanoTime() < deadline; start += chunk) {
                var candidate = new ArrayList<>(actions.subList(0, start));
                candidate.addAll(actions.subList(Math.min(actions.size(), start + chunk), actions.size()));
                if (candidate.isEmpty()) {
                    continue;
                }
                var shrunk = tryShrunk(runner, figures, invariant, current, candidate);
                if (shrunk != current) {
                    current = shrunk;
                    granularity = Math.max(granularity - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (granularity >= actions.size()) {
                    break;
                }
                granularity = Math.min(actions.size(), granularity * 2);
            }
        }
        return current;
    }

    /** Steps that changed nothing: nothing to act on, or the service said no. */
    private static final Pattern IDLE = Pattern.compile("^(no round yet|nothing solving|fewer than two|skipped)");
    private static final Pattern REFUSED = Pattern.compile("-> (409|412|422)$");

    /** The candidate with what it broke when it breaks the same promise (cut after that step), else the current. */
    private static Failure tryShrunk(SequenceRunner runner, Figures figures, Invariant invariant, Failure current,
            List<Action> candidate) {
        var result = runner.run(candidate, new Figures());
        figures.shrinkRuns++;
        if (!result.broke(invariant)) {
            return current;
        }
        return new Failure(current.seed(), List.copyOf(candidate.subList(0, Math.min(candidate.size(),
                result.failedAt()))), result);
    }

    private static String describe(Invariant invariant, Failure failure) {
        var text = new StringBuilder("\nBROKEN " + invariant + ": " + invariant.promise + "\n");
        var result = failure.result();
        text.append("  shortest sequence (").append(failure.actions().size()).append(" actions, from ")
                .append(failure.seed() == 0 ? "a written sequence" : "the sequence of seed " + failure.seed())
                .append("; event ").append(result.eventId()).append("):\n");
        result.steps().forEach(step -> text.append("  ").append(step).append('\n'));
        text.append("  broken after ").append(result.failedAt() > result.steps().size() ? "the rounds ended"
                : "step " + result.failedAt()).append(":\n");
        result.broken().forEach(broken -> text.append("    ").append(broken).append('\n'));
        text.append("  replay: -Dpromises.replay=\"").append(Action.code(failure.actions())).append("\"\n");
        return text.toString();
    }
}
