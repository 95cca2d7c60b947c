package org.broadcastallocation.promises;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Application;
import org.broadcastallocation.allocation.AllocationSolver;
import org.broadcastallocation.engine.AllocationEngine;
import org.broadcastallocation.rounds.RoundSolving;

/**
 * Two instances of the service on one PostgreSQL database, either of which can die abruptly: its connections are
 * cut first (so that nothing it was doing reaches the database any more), then its context is closed. A replacement
 * starts in the background, so that the next actions go on against the instance that is left.
 */
final class ServiceInstances implements AutoCloseable {

    /**
     * Heartbeats are written every 500 ms here (RoundSolving); a round whose heartbeat is older than this is dead. Ten
     * beats: at 3 s, a machine loaded to 10 now and then starved a live instance of that long.
     */
    static final int HEARTBEAT_TIMEOUT_SECONDS = 5;

    /** One running service: how to call it and how it signs the rounds it claims. */
    private static final String TIMEFOLD_AUTOCONFIGURATION = String.join(",",
            "ai.timefold.solver.spring.boot.autoconfigure.TimefoldSolverAutoConfiguration",
            "ai.timefold.solver.spring.boot.autoconfigure.TimefoldBenchmarkAutoConfiguration",
            "ai.timefold.solver.spring.boot.autoconfigure.TimefoldSolverBeanFactory");

    record Instance(int slot, ConfigurableApplicationContext context, ApiClient api, String id) {
    }

    /**
     * Replacements start on threads of their own, never on the common pool: on two cores its one worker would queue
     * a start behind whatever else ran there (CI saw a start not begin within 120 s).
     */
    static final Executor OWN_THREADS = task -> {
        var thread = new Thread(task, "promises-" + Integer.toHexString(task.hashCode()));
        thread.setDaemon(true);
        thread.start();
    };

    private final EmbeddedPostgres database;
    private final Instance[] slots = new Instance[2];
    private final List<CompletableFuture<Instance>> starting = new ArrayList<>(List.of(
            CompletableFuture.completedFuture(null), CompletableFuture.completedFuture(null)));
    private final Set<String> dead = ConcurrentHashMap.newKeySet();
    private int started;
    private int killed;
    private long startingMillis;

    ServiceInstances(EmbeddedPostgres database) {
        this.database = database;
        slots[0] = start(0);
        slots[1] = start(1);
    }

    /** The instances that answer now (a replacement that has finished starting takes its slot). */
    synchronized List<Instance> live() {
        for (int slot = 0; slot < 2; slot++) {
            if (slots[slot] == null && starting.get(slot).isDone()) {
                slots[slot] = starting.get(slot).join();
            }
        }
        var live = new ArrayList<Instance>();
        for (var instance : slots) {
            if (instance != null) {
                live.add(instance);
            }
        }
        return live;
    }

    /** Waits (a bounded while) for both slots to be served again; a sequence starts with two instances. */
    void awaitBoth() {
        for (int slot = 0; slot < 2; slot++) {
            awaitStart(slot, 180);
        }
        live();
    }

    /** Waits for a slot's replacement without completing its future (a late start still takes its slot). */
    private void awaitStart(int slot, int seconds) {
        try {
            starting.get(slot).get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("instance " + slot + " did not start within " + seconds + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("instance " + slot + " failed to start", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The instance dies as a process would: its database connections are aborted before anything else, so that a
     * solve in flight can neither save nor finish its round; then it is shut down and a replacement is started.
     */
    synchronized void kill(Instance instance) {
        slots[instance.slot()] = null;
        dead.add(instance.id());
        killed++;
        instance.context().getBean(HikariDataSource.class).close();
        instance.context().close();
        int slot = instance.slot();
        starting.set(slot, CompletableFuture.supplyAsync(() -> start(slot), OWN_THREADS));
    }

    /** The ids of the instances that died: only their rounds may be INTERRUPTED. */
    Set<String> dead() {
        return dead;
    }

    int started() {
        return started;
    }

    int killed() {
        return killed;
    }

    long startingMillis() {
        return startingMillis;
    }

    private static final String PLANNER_PASSWORD = "promises-planner";
    private static final String OPERATOR_PASSWORD = "promises-operator";

    private Instance start(int slot) {
        long began = System.nanoTime();
        var context = new SpringApplicationBuilder(Application.class, QuickSolves.class).run(
                "--spring.datasource.url=" + database.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.hikari.maximum-pool-size=10",
                // Not the service's own embedded database: it refuses the demo passwords.
                "--broadcast.users.planner.password=" + PLANNER_PASSWORD,
                "--broadcast.users.operator.password=" + OPERATOR_PASSWORD,
                "--server.port=0", "--broadcast.sample-event=", "--broadcast.users.bcrypt-strength=4",
                "--broadcast.api-keys.remember-seconds=1",
                "--broadcast.rounds.heartbeat-timeout-seconds=" + HEARTBEAT_TIMEOUT_SECONDS,
                // A beat every half second: a live round is never taken for dead on a loaded machine.
                "--broadcast.rounds.heartbeat-interval-millis=500",
                "--broadcast.rounds.recovery-interval-millis=100", "--broadcast.rounds.relay-interval-millis=200",
                "--broadcast.rounds.default-seconds=1", "--spring.jmx.enabled=false",
                "--springdoc.api-docs.enabled=false", "--logging.level.root=ERROR",
                // The service builds its own engine (replaced here); Timefold's Spring beans are unused.
                "--spring.autoconfigure.exclude=" + TIMEFOLD_AUTOCONFIGURATION,
                "--spring.main.allow-bean-definition-overriding=true",
                // A killed instance's solve fails on its aborted connections; that is the point, not news.
                "--logging.level.org.broadcastallocation=" + System.getProperty("promises.serviceLog", "OFF"));
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        var instance = new Instance(slot, context, new ApiClient(port, PLANNER_PASSWORD, OPERATOR_PASSWORD), context.getBean(RoundSolving.class)
                .instance());
        synchronized (this) {
            started++;
            startingMillis += (System.nanoTime() - began) / 1_000_000;
        }
        return instance;
    }

    @Override
    public void close() {
        // Not synchronized while it waits: a start finishing takes this monitor to count itself (a close that held
        // it waited out its timeout on a start that could not end).
        for (int slot = 0; slot < 2; slot++) {
            awaitStart(slot, 180);
        }
        live().forEach(instance -> instance.context().close());
    }

    /**
     * The service's engine, except that a solve also ends after 150 ms without a better solution: the test's
     * events are tiny, and a round that would otherwise always run its full second (the shortest limit a planner
     * can ask for) would make a few hundred sequences take many minutes.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class QuickSolves {
        /** Named as the service's own engine bean, which it replaces (so that only one engine is built). */
        @Bean
        @Primary
        AllocationEngine allocationEngine() {
            var config = AllocationSolver.loadConfig();
            var termination = config.getTerminationConfig() == null ? new TerminationConfig()
                    : config.getTerminationConfig();
            config.setTerminationConfig(termination.withUnimprovedSpentLimit(Duration.ofMillis(150)));
            return new AllocationEngine(new AllocationSolver(config));
        }
    }
}
