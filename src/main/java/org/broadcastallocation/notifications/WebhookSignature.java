package org.broadcastallocation.notifications;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature (standardwebhooks.com), so that a receiver can check it with that project's
 * libraries: {@code v1,} and the base64 HMAC-SHA256 of {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with
 * the bytes after the secret's {@code whsec_} prefix.
 */
final class WebhookSignature {

    static final String SECRET_PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** 24 random bytes, as the convention's secrets are (between 24 and 64). */
    static String newSecret() {
        var bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    static String sign(String secret, String messageId, long timestampSeconds, String body) {
        var key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            var signed = mac.doFinal((messageId + "." + timestampSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
