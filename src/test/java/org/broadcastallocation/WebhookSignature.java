package org.broadcastallocation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature as a receiver computes it, for the tests' receivers: {@code v1,} and the base64 of
 * HMAC-SHA256 over "id.timestamp.body", keyed with the base64-decoded secret after {@code whsec_}.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    public static String expected(String secret, String id, String timestamp, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.replaceFirst("^whsec_", "")),
                    "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
