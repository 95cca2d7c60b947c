package org.broadcastallocation.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import org.broadcastallocation.audit.AuditAction;
import org.broadcastallocation.audit.AuditLog;
import org.broadcastallocation.common.NotFound;

/**
 * Organisation API keys: minted by a planner, shown once, stored as a SHA-256 hash (a key is 256 random bits, so a
 * fast hash is enough: there is nothing to brute-force), revocable.
 *
 * <p>A key found live is remembered for a few seconds ({@code broadcast.api-keys.remember-seconds}, 0 to look every
 * time): the lookup was a tenth of a broadcaster call's cost, and every call makes it. A revocation is seen at once by
 * the instance that made it and within those seconds by the others.
 */
@Repository
public class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_REMEMBERED = 100_000;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final long rememberNanos;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    /** Counts revocations, so a lookup that overlapped one does not remember what it found. */
    private final AtomicLong revocations = new AtomicLong();

    private record Remembered(Broadcaster broadcaster, long untilNanos) {
    }

    public ApiKeys(JdbcClient jdbc, AuditLog audit,
            @Value("${broadcast.api-keys.remember-seconds:5}") double rememberSeconds) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.rememberNanos = (long) (rememberSeconds * 1e9);
    }

    /** @return the key, in clear, for the one time it is shown */
    @Transactional
    public String mint(String eventId, String organisationId, String actor) {
        boolean exists = jdbc.sql("select count(*) from organisation where event_id = ? and id = ?")
                .params(eventId, organisationId).query(Integer.class).single() > 0;
        if (!exists) {
            throw new NotFound("organisation " + organisationId);
        }
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String key = "ba_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("""
                insert into api_key (event_id, organisation_id, key_hash, key_prefix, created_by)
                values (?, ?, ?, ?, ?)""")
                .params(eventId, organisationId, hash(key), key.substring(0, 8), actor).update();
        audit.record(actor, AuditAction.MINT_KEY, eventId, "organisation", organisationId, null,
                Map.of("keyPrefix", key.substring(0, 8)));
        return key;
    }

    /** Revokes every live key of the organisation; returns how many. */
    @Transactional
    public int revoke(String eventId, String organisationId, String actor) {
        int revoked = jdbc.sql("""
                update api_key set revoked_at = now()
                where event_id = ? and organisation_id = ? and revoked_at is null""")
                .params(eventId, organisationId).update();
        if (revoked == 0) {
            throw new NotFound("live API key of organisation " + organisationId);
        }
        forgetAfterCommit(new Broadcaster(eventId, organisationId));
        audit.record(actor, AuditAction.REVOKE_KEYS, eventId, "organisation", organisationId, null,
                Map.of("revoked", revoked));
        return revoked;
    }

    /** @param presented the key's hash, which the caller keeps: the rate limit counts by it too */
    public Optional<Broadcaster> authenticate(KeyHash presented) {
        String hash = presented.value();
        long now = System.nanoTime();
        var known = remembered.get(hash);
        if (known != null && known.untilNanos() - now > 0) {
            return Optional.of(known.broadcaster());
        }
        long revocationsBefore = revocations.get();
        var found = jdbc.sql("select event_id, organisation_id from api_key where key_hash = ? and revoked_at is null")
                .param(hash)
                .query((row, index) -> new Broadcaster(row.getString(1), row.getString(2)))
                .optional();
        if (found.isEmpty() || rememberNanos <= 0) {
            remembered.remove(hash);
        } else if (revocations.get() == revocationsBefore) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(hash, new Remembered(found.get(), now + rememberNanos));
        }
        return found;
    }

    /** Once the revocation is committed: a lookup after it finds the key revoked, so forgetting now is final. */
    private void forgetAfterCommit(Broadcaster revoked) {
        Runnable forget = () -> {
            revocations.incrementAndGet();
            remembered.values().removeIf(known -> known.broadcaster().equals(revoked));
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    forget.run();
                }
            });
        } else {
            forget.run();
        }
    }

    /** A presented key as the service knows it: by its SHA-256, hashed once per call. */
    public record KeyHash(String value) {
        public static KeyHash of(String key) {
            return new KeyHash(hash(key));
        }
    }

    static String hash(String key) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
