package org.broadcastallocation.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The failed sign-ins of the last minute, on a clock the test moves by hand (3 per account, 5 per address). */
class FailedSignInsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final FailedSignIns failures = new FailedSignIns(3, 5, 60, now::get);

    @Test
    void anAccountIsHeldUntilItsOldestFailureIsAMinuteOld() {
        failures.failed("operator", "10.0.0.1");
        advanceSeconds(10);
        failures.failed("operator", "10.0.0.2");
        assertThat(failures.held("operator", "10.0.0.3")).isNull();
        failures.failed("Operator", "10.0.0.3");

        assertThat(failures.held("operator", "10.0.0.9")).isEqualTo(new FailedSignIns.Hold("account", 50));
        assertThat(failures.held("OPERATOR", "10.0.0.9")).as("names ignore case").isNotNull();
        assertThat(failures.held("planner", "10.0.0.9")).isNull();

        advanceSeconds(49);
        assertThat(failures.held("operator", "10.0.0.9")).isEqualTo(new FailedSignIns.Hold("account", 1));
        advanceSeconds(1);
        assertThat(failures.held("operator", "10.0.0.9")).isNull();
        // One more try, then held again until the next oldest is a minute old.
        failures.failed("operator", "10.0.0.9");
        assertThat(failures.held("operator", "10.0.0.9")).isEqualTo(new FailedSignIns.Hold("account", 10));
    }

    @Test
    void anAddressIsHeldForEveryName() {
        for (int i = 0; i < 5; i++) {
            failures.failed("name-" + i, "10.0.0.1");
        }
        failures.failed(null, "10.0.0.2");

        assertThat(failures.held("planner", "10.0.0.1")).isEqualTo(new FailedSignIns.Hold("address", 60));
        assertThat(failures.held(null, "10.0.0.1")).isNotNull();
        assertThat(failures.held("planner", "10.0.0.2")).isNull();
        advanceSeconds(60);
        assertThat(failures.held("planner", "10.0.0.1")).isNull();
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }
}
