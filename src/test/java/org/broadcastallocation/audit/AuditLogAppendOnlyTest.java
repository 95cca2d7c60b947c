package org.broadcastallocation.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.data.jdbc.DataJdbcTest;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import org.broadcastallocation.database.EmbeddedDatabaseConfiguration;

/** The audit log is evidence: the database itself keeps every entry as written, whoever holds a connection. */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(EmbeddedDatabaseConfiguration.class)
@ActiveProfiles("test")
class AuditLogAppendOnlyTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED) // each refused statement on its own, not in one rolled back
    void takesNewEntriesButRefusesToChangeOrLoseOne() {
        jdbc.sql("insert into audit_log (actor, action, entity) values ('audit-test', 'IMPORT', 'event')").update();

        for (String change : List.of("update audit_log set actor = 'someone else'", "delete from audit_log",
                "truncate audit_log")) {
            assertThatThrownBy(() -> jdbc.sql(change).update()).as(change).isInstanceOf(DataAccessException.class)
                    .rootCause().hasMessageContaining("the audit log is append-only");
        }
        assertThat(jdbc.sql("select actor from audit_log").query(String.class).list()).contains("audit-test");
    }
}
