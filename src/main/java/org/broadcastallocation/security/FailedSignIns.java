package org.broadcastallocation.security;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed HTTP Basic sign-ins within the last window (a minute), per account name and per client address. Each
 * failure cost a full BCrypt, so a guesser was free to try as fast as 8 request threads allow, and to starve them.
 * Once an account has {@code perAccount} failures in the window, its sign-ins are held (from any address) until the
 * oldest of them leaves the window; likewise an address with {@code perAddress} failures (for any names). A held
 * sign-in is refused before its password is looked at, so it costs no BCrypt, and it is not counted as a failure.
 * Successes reset nothing: staff sign in on every call, and a reset would give a guesser a fresh allowance each time.
 * In this instance's memory, like {@link RateLimiter}.
 */
class FailedSignIns {

    private static final Logger log = LoggerFactory.getLogger(FailedSignIns.class);
    private static final int SWEEP_ABOVE = 10_000;

    /** Why a sign-in is held, and for how many whole seconds more. */
    public record Hold(String what, long seconds) {
    }

    private final int perAccount;
    private final int perAddress;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Failures> recent = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong();

    FailedSignIns(int perAccount, int perAddress, long windowSeconds, LongSupplier nanoTime) {
        if (perAccount < 1 || perAddress < 1 || windowSeconds < 1) {
            throw new IllegalArgumentException("failed sign-ins: limits and window must be at least 1");
        }
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.windowNanos = TimeUnit.SECONDS.toNanos(windowSeconds);
        this.nanoTime = nanoTime;
        this.lastSweep.set(nanoTime.getAsLong());
    }

    /**
     * @param name the account name presented, or null when the credentials could not be read
     * @return null when the sign-in may be checked, else why and how long it is held
     */
    public Hold held(String name, String address) {
        long now = nanoTime.getAsLong();
        long account = name == null ? 0 : heldNanos(accountKey(name), now);
        long from = heldNanos(addressKey(address), now);
        if (account == 0 && from == 0) {
            return null;
        }
        return new Hold(account >= from ? "account" : "address", Math.max(1, TimeUnit.NANOSECONDS.toSeconds(
                Math.max(account, from) + TimeUnit.SECONDS.toNanos(1) - 1)));
    }

    /** A sign-in whose password (or name) was wrong. */
    public void failed(String name, String address) {
        long now = nanoTime.getAsLong();
        sweep(now);
        if (name != null && add(accountKey(name), perAccount, now)) {
            log.warn("Sign-ins of account '{}' held: {} failures within {} s, the last from {}", printable(name),
                    perAccount, TimeUnit.NANOSECONDS.toSeconds(windowNanos), address);
        }
        if (add(addressKey(address), perAddress, now)) {
            log.warn("Sign-ins from {} held: {} failures within {} s", address, perAddress,
                    TimeUnit.NANOSECONDS.toSeconds(windowNanos));
        }
    }

    private long heldNanos(String key, long now) {
        var failures = recent.get(key);
        return failures == null ? 0 : failures.heldNanos(now, windowNanos);
    }

    /** @return whether this failure is the one that holds the key */
    private boolean add(String key, int limit, long now) {
        return recent.computeIfAbsent(key, any -> new Failures(limit)).add(now, windowNanos);
    }

    private void sweep(long now) {
        long last = lastSweep.get();
        if (recent.size() > SWEEP_ABOVE && now - last > TimeUnit.SECONDS.toNanos(1)
                && lastSweep.compareAndSet(last, now)) {
            recent.values().removeIf(failures -> failures.staleAt(now, windowNanos));
        }
    }

    /** Account names are matched as the user store matches them: ignoring case. */
    private static String accountKey(String name) {
        return "account:" + name.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static String printable(String name) {
        String shown = name.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 100 ? shown.substring(0, 100) + "..." : shown;
    }

    /** The times of the last {@code limit} failures of one account or address, in a ring. */
    private static final class Failures {
        private final long[] times;
        private int count;
        private int next;

        Failures(int limit) {
            this.times = new long[limit];
        }

        synchronized boolean add(long now, long window) {
            boolean heldBefore = heldNanos(now, window) > 0;
            times[next] = now;
            next = (next + 1) % times.length;
            count = Math.min(count + 1, times.length);
            return !heldBefore && heldNanos(now, window) > 0;
        }

        /** Until the oldest of the last {@code limit} failures leaves the window; 0 with fewer in it. */
        synchronized long heldNanos(long now, long window) {
            if (count < times.length) {
                return 0;
            }
            long oldest = times[next];
            return Math.max(0, oldest + window - now);
        }

        synchronized boolean staleAt(long now, long window) {
            long newest = times[(next - 1 + times.length) % times.length];
            return now - newest >= window;
        }
    }
}
