package org.broadcastallocation.rounds;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Row locks a test holds in a transaction of its own, to force an order on two calls racing in the service: the
 * first call runs until it waits for the held rows, the second is sent and seen waiting for the first, and the
 * lock is let go. Which statement a call waits in is read from {@code pg_stat_activity}.
 */
final class HeldLock implements AutoCloseable {

    private final Connection connection;

    private HeldLock(Connection connection) {
        this.connection = connection;
    }

    /** Runs {@code lockingSelect} (a {@code select ... for update}) with {@code parameters} and keeps its locks. */
    static HeldLock take(DataSource database, String lockingSelect, Object... parameters) throws SQLException {
        var connection = database.getConnection();
        connection.setAutoCommit(false);
        try (var statement = connection.prepareStatement(lockingSelect)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeQuery().close();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new HeldLock(connection);
    }

    /** Waits until some session waits for a lock in a statement starting with {@code statementStart}. */
    static void awaitWaiting(JdbcClient jdbc, String statementStart) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            int waiting = jdbc.sql("""
                    select count(*) from pg_stat_activity
                    where wait_event_type = 'Lock' and ltrim(query) like ?""").param(statementStart + "%")
                    .query(Integer.class).single();
            if (waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
        var sessions = jdbc.sql("""
                select coalesce(state, '') || ' ' || coalesce(wait_event_type, '') || ' '
                       || left(regexp_replace(query, '\\s+', ' ', 'g'), 80)
                from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()""")
                .query(String.class).list();
        throw new AssertionError("nobody waits for a lock in \"" + statementStart + "...\" after 20 s; sessions: "
                + sessions);
    }

    /**
     * Sends {@code first} and sees it wait in a statement starting with {@code firstWaitsIn} (for these rows), sends
     * {@code second} and sees it wait in {@code secondWaitsIn}, then lets go of the rows: the answers, in that order.
     */
    <T> List<T> letGoOnceWaiting(JdbcClient jdbc, ExecutorService threads, Callable<T> first, String firstWaitsIn,
            Callable<T> second, String secondWaitsIn) throws Exception {
        var firstAnswer = threads.submit(first);
        awaitWaiting(jdbc, firstWaitsIn);
        var secondAnswer = threads.submit(second);
        awaitWaiting(jdbc, secondWaitsIn);
        close();
        return List.of(firstAnswer.get(), secondAnswer.get());
    }

    /** Lets go of the rows: whoever waits for them goes on. Once; later calls do nothing. */
    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        try {
            connection.commit();
        } finally {
            connection.close();
        }
    }
}
