package org.broadcastallocation.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When no datasource URL is configured, the service runs its own PostgreSQL (real binaries, from Maven Central) with
 * its data in a folder under the working directory, so that a restart keeps everything. With
 * {@code SPRING_DATASOURCE_URL} set, none of this happens and Spring Boot's own datasource is used.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.datasource", name = "url", havingValue = "embedded", matchIfMissing = true)
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${broadcast.embedded-database.directory:data/postgres}") String directory,
            @Value("${broadcast.embedded-database.clean:false}") boolean clean) throws IOException {
        Path dataDirectory = Path.of(directory).toAbsolutePath();
        Files.createDirectories(dataDirectory);
        var postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(clean)
                .setServerConfig("max_connections", "100")
                .start();
        log.info("Embedded PostgreSQL on port {} with its data in {}", postgres.getPort(), dataDirectory);
        return postgres;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres,
            @Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize) {
        var config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("embedded");
        return new HikariDataSource(config);
    }
}
