package org.broadcastallocation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The token bucket on a clock the test moves by hand. */
class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(true, new RateLimiter.Rate(2, 3),
            new RateLimiter.Rate(10, 1), now::get);

    @Test
    void aKeyMayBurstThenWaitsForTheNextToken() {
        assertThat(limiter.acquire("key:a")).isZero();
        assertThat(limiter.acquire("key:a")).isZero();
        assertThat(limiter.acquire("key:a")).isZero();

        assertThat(limiter.acquire("key:a")).isEqualTo(1);

        advanceMillis(499);
        assertThat(limiter.acquire("key:a")).isEqualTo(1);
        advanceMillis(2);
        assertThat(limiter.acquire("key:a")).isZero();
    }

    @Test
    void eachCallerHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("key:a");
        }

        assertThat(limiter.acquire("key:a")).isPositive();
        assertThat(limiter.acquire("key:b")).isZero();
        assertThat(limiter.acquire("user:planner")).isZero();
    }

    @Test
    void theBucketRefillsOnlyUpToTheBurst() {
        advanceMillis(60_000);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("key:a")).isZero();
        }
        assertThat(limiter.acquire("key:a")).isPositive();
    }

    @Test
    void staffAccountsHaveTheirOwnRate() {
        assertThat(limiter.acquire("user:operator")).isZero();
        assertThat(limiter.acquire("user:operator")).isEqualTo(1);
        advanceMillis(100);
        assertThat(limiter.acquire("user:operator")).isZero();
    }

    @Test
    void aSlowRateAsksForAWaitOfWholeSeconds() {
        var slow = new RateLimiter(true, new RateLimiter.Rate(0.2, 1), new RateLimiter.Rate(1, 1), now::get);
        slow.acquire("key:a");

        assertThat(slow.acquire("key:a")).isEqualTo(5);
    }

    @Test
    void switchedOffItLetsEverythingThrough() {
        var off = new RateLimiter(false, new RateLimiter.Rate(1, 1), new RateLimiter.Rate(1, 1), now::get);
        for (int i = 0; i < 100; i++) {
            assertThat(off.acquire("key:a")).isZero();
        }
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> new RateLimiter.Rate(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter.Rate(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
