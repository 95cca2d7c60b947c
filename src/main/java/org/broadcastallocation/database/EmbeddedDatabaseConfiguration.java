package org.broadcastallocation.database;

import java.io.IOException;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When no datasource URL is configured, the service runs its own PostgreSQL (real binaries, from Maven Central) with
 * its data in a folder under the working directory, so that a restart keeps everything (see {@link EmbeddedDatabase}:
 * durable, 127.0.0.1 only, password required). With {@code SPRING_DATASOURCE_URL} set, none of this happens and
 * Spring Boot's own datasource is used.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.datasource", name = "url", havingValue = "embedded", matchIfMissing = true)
public class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(
            @Value("${broadcast.embedded-database.directory:data/postgres}") String directory,
            @Value("${broadcast.embedded-database.port:0}") int port,
            @Value("${broadcast.embedded-database.durable:true}") boolean durable,
            @Value("${broadcast.embedded-database.clean:false}") boolean clean) throws IOException {
        return EmbeddedDatabase.start(Path.of(directory), port, durable, clean);
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedDatabase database,
            @Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize) {
        var config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl("postgres"));
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("embedded");
        return new HikariDataSource(config);
    }
}
