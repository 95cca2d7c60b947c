package org.broadcastallocation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.broadcastallocation.Application;

/**
 * With an external database (the PostgreSQL server at 127.0.0.1:5432, a fresh database of its own) the service
 * refuses to start while a staff account has its demo password, and says which setting to change; with real
 * passwords it starts.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoPasswordsTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private final String database = "ba_demo_passwords_" + System.currentTimeMillis();

    @BeforeEach
    void createDatabase() throws Exception {
        admin("create database " + database);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        admin("drop database if exists " + database + " with (force)");
    }

    @Test
    void demoPasswordsWithAnExternalDatabaseAreRefusedBeforeTheDatabaseIsTouched(CapturedOutput output)
            throws Exception {
        var refused = catchThrowable(() -> start().close());

        assertThat(refused).as("the service started with the demo passwords").isNotNull();
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("BROADCAST_USERS_PLANNER_PASSWORD", "BROADCAST_USERS_OPERATOR_PASSWORD")
                .doesNotContain("at org.springframework");
        assertThat(tables()).as("nothing migrated").isZero();
    }

    @Test
    void oneDemoPasswordLeftIsNamed(CapturedOutput output) {
        var refused = catchThrowable(() -> start("--broadcast.users.planner.password=a-real-one").close());

        assertThat(refused).isNotNull();
        assertThat(output.getOut() + output.getErr()).contains("BROADCAST_USERS_OPERATOR_PASSWORD")
                .doesNotContain("BROADCAST_USERS_PLANNER_PASSWORD");
    }

    @Test
    void realPasswordsStart() throws Exception {
        try (var service = start("--broadcast.users.planner.password=planner-real-one",
                "--broadcast.users.operator.password=operator-real-one")) {
            assertThat(service.isRunning()).isTrue();
        }
        assertThat(tables()).as("migrated").isPositive();
    }

    private org.springframework.context.ConfigurableApplicationContext start(String... passwords) {
        var arguments = new ArrayList<>(List.of("--spring.datasource.url=" + SERVER + database,
                "--spring.datasource.username=postgres", "--server.port=0", "--broadcast.sample-event=",
                "--broadcast.users.bcrypt-strength=4", "--logging.level.root=WARN"));
        arguments.addAll(List.of(passwords));
        return new SpringApplicationBuilder(Application.class).run(arguments.toArray(String[]::new));
    }

    private long tables() throws Exception {
        try (var connection = DriverManager.getConnection(SERVER + database, "postgres", "");
                var rows = connection.createStatement().executeQuery(
                        "select count(*) from information_schema.tables where table_schema = 'public'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void admin(String sql) throws Exception {
        try (var connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            connection.createStatement().execute(sql);
        }
    }
}
