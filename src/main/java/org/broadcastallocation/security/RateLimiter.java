package org.broadcastallocation.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: each API key, and each planner or operator account, may make {@code burst} calls at
 * once and {@code per-second} calls a second after that. The buckets live in this instance's memory, so with N
 * instances behind a load balancer a caller gets up to N times the rate; that is the price of not asking the
 * database on every call.
 */
class RateLimiter {

    /** Buckets unused this long are forgotten; a full bucket is what a new caller gets anyway. */
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final int SWEEP_ABOVE = 10_000;

    /** How fast and how much at once, for one kind of caller. */
    public record Rate(double perSecond, double burst) {
        public Rate {
            if (perSecond <= 0 || burst < 1) {
                throw new IllegalArgumentException("a rate needs per-second > 0 and burst >= 1");
            }
        }
    }

    private final boolean enabled;
    private final Rate keys;
    private final Rate users;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(boolean enabled, Rate keys, Rate users, LongSupplier nanoTime) {
        this.enabled = enabled;
        this.keys = keys;
        this.users = users;
        this.nanoTime = nanoTime;
    }

    /**
     * Takes one call from the caller's bucket.
     *
     * @param caller "key:..." or "user:..."
     * @return 0 when the call may go ahead, else the whole seconds to wait before the next one will
     */
    public long acquire(String caller) {
        if (!enabled) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.idleSince(now) > IDLE_NANOS);
        }
        var rate = caller.startsWith("key:") ? keys : users;
        return buckets.computeIfAbsent(caller, name -> new Bucket(rate, now)).take(now);
    }

    private static final class Bucket {
        private final Rate rate;
        private double tokens;
        private long updated;

        Bucket(Rate rate, long now) {
            this.rate = rate;
            this.tokens = rate.burst();
            this.updated = now;
        }

        synchronized long take(long now) {
            tokens = Math.min(rate.burst(), tokens + (now - updated) / 1e9 * rate.perSecond());
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / rate.perSecond()));
        }

        synchronized long idleSince(long now) {
            return now - updated;
        }
    }
}
