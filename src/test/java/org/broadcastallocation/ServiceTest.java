package org.broadcastallocation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service on a random port and a throw-away embedded PostgreSQL, with the clock on 15 May 2025 (before
 * the fixtures' deadline of 6 June 2025).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ServiceTest.MayClock.class)
public @interface ServiceTest {

    @TestConfiguration
    class MayClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2025-05-15T08:00:00Z"), ZoneOffset.UTC);
        }
    }
}
