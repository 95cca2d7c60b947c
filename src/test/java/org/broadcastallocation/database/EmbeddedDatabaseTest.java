package org.broadcastallocation.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.broadcastallocation.Application;

/**
 * The embedded default as the README's first command starts it (no test profile: its settings, not the tests'):
 * durable, on 127.0.0.1 only, and closed to anyone without the password it made on its first start and reuses.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path directory;

    @Test
    void theServicesOwnDatabaseIsDurableLocalAndNeedsItsPassword() throws Exception {
        Path data = directory.resolve("postgres");
        String password;
        int port;
        try (var service = startService(data)) {
            var database = service.getBean(EmbeddedDatabase.class);
            var jdbc = service.getBean(JdbcClient.class);
            password = Files.readString(data.resolve(EmbeddedDatabase.PASSWORD_FILE)).strip();
            port = database.port();

            assertThat(database.password()).isEqualTo(password).hasSizeGreaterThanOrEqualTo(32);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database.passwordFile())))
                    .isEqualTo("rw-------");
            assertThat(show(jdbc, "fsync")).isEqualTo("on");
            assertThat(show(jdbc, "synchronous_commit")).isEqualTo("on");
            assertThat(show(jdbc, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(show(jdbc, "unix_socket_directories")).isEmpty();
            assertThat(show(jdbc, "password_encryption")).isEqualTo("scram-sha-256");
            assertNoTrust(data);
            try (var beside = Files.list(directory)) {
                assertThat(beside.map(file -> file.getFileName().toString()))
                        .as("initdb's copy of the password is gone").containsExactly("postgres");
            }
            assertRefused(port, null);
            assertRefused(port, "");
            assertRefused(port, password + "x");
            assertRefused(port, "postgres");
            assertAccepted(port, password);

            jdbc.sql("create table kept (note text)").update();
            jdbc.sql("insert into kept values ('written before the restart')").update();
        }

        try (var service = startService(data)) {
            var database = service.getBean(EmbeddedDatabase.class);
            assertThat(database.password()).as("the password of the first start").isEqualTo(password);
            assertThat(Files.readString(data.resolve(EmbeddedDatabase.PASSWORD_FILE)).strip()).isEqualTo(password);
            assertThat(service.getBean(JdbcClient.class).sql("select note from kept").query(String.class).list())
                    .containsExactly("written before the restart");
            assertRefused(database.port(), null);
            assertAccepted(database.port(), password);
        }
    }

    @Test
    void aDataDirectoryFromBeforePasswordsGetsOneAndKeepsItsData() throws Exception {
        Path data = directory.resolve("older");
        // As the service set it up before: zonky's defaults, every local user trusted.
        try (var older = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
                var connection = older.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("create table kept (note text)");
            statement.execute("insert into kept values ('from the older build')");
        }

        try (var database = EmbeddedDatabase.start(data, 0, true, false)) {
            assertThat(Files.readString(database.passwordFile()).strip()).isEqualTo(database.password());
            assertNoTrust(data);
            assertRefused(database.port(), null);
            assertRefused(database.port(), "postgres");
            try (var connection = DriverManager.getConnection(database.jdbcUrl("postgres"), "postgres",
                    database.password()); var rows = connection.createStatement().executeQuery("select note from kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("from the older build");
            }
        }
    }

    private static ConfigurableApplicationContext startService(Path data) {
        return new SpringApplicationBuilder(Application.class).run("--server.port=0", "--broadcast.sample-event=",
                "--broadcast.embedded-database.directory=" + data, "--broadcast.users.bcrypt-strength=4",
                "--logging.level.root=WARN");
    }

    private static String show(JdbcClient jdbc, String setting) {
        return jdbc.sql("show " + setting).query(String.class).single();
    }

    private static void assertNoTrust(Path data) throws Exception {
        assertThat(Files.readAllLines(data.resolve("pg_hba.conf")).stream()
                .filter(line -> !line.isBlank() && !line.strip().startsWith("#")))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).doesNotContain("trust").endsWith("scram-sha-256"));
    }

    private static void assertRefused(int port, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", password).close())
                .as("connecting with password %s", password)
                .isInstanceOf(SQLException.class)
                .satisfies(refused -> assertThat(((SQLException) refused).getSQLState()).isIn("28P01", "08004"));
    }

    private static void assertAccepted(int port, String password) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", password)) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }
}
