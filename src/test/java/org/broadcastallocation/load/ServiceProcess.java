package org.broadcastallocation.load;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service as a child process on a fresh database of the PostgreSQL server at 127.0.0.1:5432, as the
 * load benchmark and the fault drivers use it: start, kill -9, start again on the same data, stop, drop.
 */
final class ServiceProcess implements AutoCloseable {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private final Path jar;
    private final String database;
    private final int port;
    private final String heap;
    private final Map<String, String> settings;
    private final Path logDirectory;
    private Process process;
    private int starts;

    /**
     * @param settings extra environment for the service (Spring's relaxed names, e.g. BROADCAST_ROUNDS_...)
     */
    ServiceProcess(String databasePrefix, int port, String heap, Map<String, String> settings) throws IOException {
        this.jar = packagedJar();
        this.database = databasePrefix + System.currentTimeMillis();
        this.port = port;
        this.heap = heap;
        this.settings = settings;
        this.logDirectory = Files.createDirectories(Path.of("target", "load"));
        admin("create database " + database);
    }

    String database() {
        return database;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the service and waits until its health endpoint says UP. */
    void start() throws IOException, InterruptedException {
        try (var taken = new java.net.Socket("127.0.0.1", port)) {
            // Its health check would answer for this one: measuring another service by mistake.
            throw new IllegalStateException("port " + port + " is taken (another benchmark's service?); stop it or"
                    + " pass -Dload.port=");
        } catch (java.net.ConnectException free) {
            // as it should be
        }
        starts++;
        var log = logDirectory.resolve(database + "-" + starts + ".log").toFile();
        var command = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + heap));
        // Extra JVM options for a profiling run, e.g. -Dload.jvmArgs=-XX:StartFlightRecording=filename=x.jfr
        String extra = System.getProperty("load.jvmArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        // The jar's own checkout is its working directory: its solver-config/ is the one it was built with.
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log)
                .directory(jar.getParent().getParent().toFile());
        var environment = builder.environment();
        environment.put("SPRING_DATASOURCE_URL", SERVER + database);
        environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
        environment.put("SPRING_DATASOURCE_PASSWORD", "");
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.put("BROADCAST_SAMPLE_EVENT", "");
        environment.put("BROADCAST_USERS_PLANNER_PASSWORD", Api.PLANNER_PASSWORD);
        environment.put("BROADCAST_USERS_OPERATOR_PASSWORD", Api.OPERATOR_PASSWORD);
        environment.putAll(settings);
        process = builder.start();
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service died on start; see " + log);
            }
            try {
                var health = client.send(HttpRequest.newBuilder(base().resolve("/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not become healthy in 120 s; see " + log);
    }

    /** kill -9: no shutdown hook, no finished transaction, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** An orderly stop (SIGTERM). */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** CPU time used so far, in milliseconds: where a phase's cores went. */
    record Cpu(long service, long database, long driver) {
    }

    /**
     * The service process (all its threads), the PostgreSQL backends serving its database (a pooled connection
     * lives through a phase, so their difference is what the phase cost the database), and this driver process.
     */
    Cpu cpu() throws SQLException, IOException {
        long database = 0;
        for (String pid : strings("select pid from pg_stat_activity where datname = '" + this.database + "'"
                + " and pid <> pg_backend_pid()")) {
            String stat;
            try {
                stat = Files.readString(Path.of("/proc", pid, "stat"));
            } catch (IOException gone) {
                continue; // a backend whose connection closed meanwhile
            }
            // utime and stime, fields 14 and 15, in clock ticks (100 a second); the name in () may hold spaces
            String[] fields = stat.replaceFirst("^.*\\) ", "").split(" ");
            database += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        }
        return new Cpu(millis(process.toHandle()), database, millis(ProcessHandle.current()));
    }

    private static long millis(ProcessHandle process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L);
    }

    /** A count (or any single number) from the service's database, read directly. */
    long count(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(SERVER + database, "postgres", "");
                var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** How many checkpoints the PostgreSQL server has begun since its statistics were last reset. */
    long checkpoints() throws SQLException {
        return count("select checkpoints_timed + checkpoints_req from pg_stat_bgwriter");
    }

    /** The first column of every row of a query on the service's database, read directly. */
    List<String> strings(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(SERVER + database, "postgres", "");
                var result = connection.createStatement().executeQuery(sql)) {
            var values = new ArrayList<String>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
        admin("drop database if exists " + database);
    }

    private static void admin(String sql) {
        try (var connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** target/broadcast-allocation-*.jar, or another build to compare with ({@code -Dload.jar=}). */
    private static Path packagedJar() {
        if (System.getProperty("load.jar") != null) {
            return Path.of(System.getProperty("load.jar")).toAbsolutePath();
        }
        var jars = new File("target").listFiles((directory, name) -> name.startsWith("broadcast-allocation-")
                && name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no target/broadcast-allocation-*.jar: run ./mvnw package -DskipTests");
        }
        return jars[0].toPath().toAbsolutePath();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
