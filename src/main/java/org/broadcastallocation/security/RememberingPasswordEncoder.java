package org.broadcastallocation.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Staff sign in with HTTP Basic on every call (the API is stateless), and a bcrypt check costs tens of milliseconds
 * of CPU by design: an operator polling a report would pay it each time. So a password that bcrypt has once
 * accepted for a stored hash is remembered, as its SHA-256, and a later call with the same password is a hash
 * comparison. Only successes are remembered, one per stored hash (a new password replaces it), so a guess still
 * costs a full bcrypt and nothing grows with failed attempts (how many guesses get that far: {@link FailedSignIns}).
 */
final class RememberingPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Runnable onFullCheck;
    private final Map<String, byte[]> accepted = new ConcurrentHashMap<>();

    /** @param onFullCheck told of each check that the delegate makes (a BCrypt): a metric */
    RememberingPasswordEncoder(PasswordEncoder delegate, Runnable onFullCheck) {
        this.delegate = delegate;
        this.onFullCheck = onFullCheck;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        byte[] digest = sha256(rawPassword);
        byte[] known = accepted.get(encodedPassword);
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return true;
        }
        onFullCheck.run();
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            accepted.put(encodedPassword, digest);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private static byte[] sha256(CharSequence rawPassword) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(rawPassword.toString()
                    .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
