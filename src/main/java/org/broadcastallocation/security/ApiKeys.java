package org.broadcastallocation.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import org.broadcastallocation.audit.AuditLog;
import org.broadcastallocation.common.NotFound;

/**
 * Organisation API keys: minted by a planner, shown once, stored as a SHA-256 hash (a key is 256 random bits, so a
 * fast hash is enough: there is nothing to brute-force), revocable.
 */
@Repository
public class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public ApiKeys(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
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
        audit.record(actor, "MINT_KEY", eventId, "organisation", organisationId, null,
                java.util.Map.of("keyPrefix", key.substring(0, 8)));
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
        audit.record(actor, "REVOKE_KEYS", eventId, "organisation", organisationId, null,
                java.util.Map.of("revoked", revoked));
        return revoked;
    }

    public Optional<Broadcaster> authenticate(String key) {
        return jdbc.sql("select event_id, organisation_id from api_key where key_hash = ? and revoked_at is null")
                .param(hash(key))
                .query((row, index) -> new Broadcaster(row.getString(1), row.getString(2)))
                .optional();
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
