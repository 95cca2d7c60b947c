package org.broadcastallocation.database;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's own PostgreSQL (zonky's binaries), set up as a server that keeps promises rather than as a test
 * fixture: zonky starts one with fsync and synchronous commit off and lets any local user in as superuser without a
 * password. Here the data is flushed before a commit returns (unless {@code durable} is false: test contexts only),
 * the server listens on 127.0.0.1 only (no Unix socket), and every connection needs the superuser's password
 * (SCRAM). The password is made with a secure random on the first start, kept in the data directory readable by its
 * owner only ({@value #PASSWORD_FILE}), and read again on later starts.
 */
public final class EmbeddedDatabase implements Closeable {

    public static final String USER = "postgres";
    public static final String PASSWORD_FILE = "postgres-password";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** A pg_hba.conf line (not a comment) whose method is trust. */
    private static final Pattern TRUST_LINE = Pattern.compile("(?m)^\\s*[^#\\s].*\\strust(\\s.*)?$");
    private static final String PASSWORD_ONLY_HBA = """
            # Written by broadcast-allocation: every connection needs the password (SCRAM); the server listens on
            # 127.0.0.1 only and has no Unix socket. See the README (Reliability, Security) for psql.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final Path directory;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory, String password) {
        this.postgres = postgres;
        this.directory = directory;
        this.password = password;
    }

    /**
     * Starts the server on {@code directory}, initialising it first when it holds no database yet.
     *
     * @param port 0 for any free port
     * @param durable false to run as zonky does, fsync and synchronous commit off (for throw-away test databases)
     * @param clean delete the directory when the server stops
     */
    public static EmbeddedDatabase start(Path directory, int port, boolean durable, boolean clean)
            throws IOException {
        directory = directory.toAbsolutePath();
        Files.createDirectories(directory);
        Path passwordFile = directory.resolve(PASSWORD_FILE);
        boolean initialised = Files.exists(directory.resolve("postgresql.conf"));
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(clean)
                .setPort(port)
                .setServerConfig("max_connections", "100")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                // Zonky passes -F (fsync off) and synchronous_commit=off; a -c option later on the command line
                // wins over both.
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off");
        EmbeddedPostgres postgres;
        String password;
        if (!initialised) {
            password = newPassword();
            postgres = startNew(builder, directory, password);
            writeOwnerOnly(passwordFile, password);
        } else if (Files.exists(passwordFile)) {
            password = readOwnerOnly(passwordFile);
            postgres = builder.setConnectConfig("password", password).start();
        } else {
            password = newPassword();
            postgres = builder.setConnectConfig("password", password).start();
            setPasswordOfOlderDirectory(postgres, directory, passwordFile, password);
        }
        var database = new EmbeddedDatabase(postgres, directory, password);
        database.refuseTrust();
        log.info("Embedded PostgreSQL on 127.0.0.1:{} with its data in {} (password in {}{})", postgres.getPort(),
                directory, passwordFile, durable ? "" : "; NOT durable: fsync and synchronous commit off");
        return database;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public Path passwordFile() {
        return directory.resolve(PASSWORD_FILE);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /**
     * initdb with SCRAM for every connection and the password from a file: zonky's initdb says {@code -A trust}, and
     * its "locale" options are passed to initdb as {@code --name=value} after it, where a later option wins. The
     * file must lie outside the data directory (initdb wants it empty) and lives only as long as initdb runs.
     */
    private static EmbeddedPostgres startNew(EmbeddedPostgres.Builder builder, Path directory, String password)
            throws IOException {
        Path initdbPassword = Files.createTempFile(directory.getParent(), ".initdb-", ".password", ownerOnly());
        try {
            Files.writeString(initdbPassword, password, StandardCharsets.UTF_8);
            return builder.setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", initdbPassword.toString())
                    .setConnectConfig("password", password)
                    .start();
        } finally {
            Files.deleteIfExists(initdbPassword);
        }
    }

    /**
     * A data directory made before the service set a password (its pg_hba.conf trusts every local user): the
     * superuser gets one now, while trust still lets the service in; {@link #refuseTrust} then closes the door.
     */
    private static void setPasswordOfOlderDirectory(EmbeddedPostgres postgres, Path directory, Path passwordFile,
            String password) throws IOException {
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("alter role " + USER + " password '" + password + "'");
        } catch (SQLException refused) {
            throw new IllegalStateException(directory + " holds a database but no " + PASSWORD_FILE + " and does"
                    + " not let the service in without one (was its first start interrupted?). Restore the file,"
                    + " or delete the directory to start afresh.", refused);
        }
        writeOwnerOnly(passwordFile, password);
        log.warn("{} had no password: the superuser now has one, kept in {}", directory, passwordFile);
    }

    /** No trust line may stay in pg_hba.conf (an older data directory had them): rewritten, then reloaded. */
    private void refuseTrust() throws IOException {
        Path hba = directory.resolve("pg_hba.conf");
        if (!TRUST_LINE.matcher(Files.readString(hba)).find()) {
            return;
        }
        Files.writeString(hba, PASSWORD_ONLY_HBA);
        try (var connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, password);
                var statement = connection.createStatement()) {
            statement.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("could not reload " + hba, e);
        }
        log.warn("{} trusted local users; rewritten: password only", hba);
    }

    private static String newPassword() {
        var bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Written beside, then moved into place: a crash leaves the old file or the new one, never half of one. */
    private static void writeOwnerOnly(Path file, String password) throws IOException {
        Path next = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".new", ownerOnly());
        Files.writeString(next, password + "\n", StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String readOwnerOnly(Path file) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            log.warn("{} was readable by others; now by its owner only", file);
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static FileAttribute<?>[] ownerOnly() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
