package org.broadcastallocation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The clock on 10 June 2025, after the fixtures' deadline of 6 June: every submission is a late one. Imported ahead of
 * the service's own clock (a nested test configuration would come after it).
 */
@TestConfiguration
public class JuneClock {
    @Bean
    Clock clock() {
        return Clock.fixed(Instant.parse("2025-06-10T08:00:00Z"), ZoneOffset.UTC);
    }
}
