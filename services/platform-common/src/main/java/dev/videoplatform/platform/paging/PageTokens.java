package dev.videoplatform.platform.paging;

import dev.videoplatform.platform.error.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opaque, tamper-proof page tokens for keyset pagination: the cursor values (e.g. the last
 * row's sort key and id) plus the query they belong to, HMAC-signed. Never a raw offset, and a
 * token from another query or a forged one is INVALID_ARGUMENT.
 */
@ApplicationScoped
public class PageTokens {

    private static final char SEPARATOR = '\u001f';
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public PageTokens(@ConfigProperty(name = "videoplatform.page-token.secret") String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A token for the page after {@code cursor}, valid only for {@code scope} (e.g. "subscribers:u1"). */
    public String encode(String scope, List<String> cursor) {
        byte[] body = String.join(String.valueOf(SEPARATOR), cursor).getBytes(StandardCharsets.UTF_8);
        byte[] mac = mac(scope, body);
        byte[] token = Arrays.copyOf(body, body.length + 16);
        System.arraycopy(mac, 0, token, body.length, 16);
        return ENCODER.encodeToString(token);
    }

    /** The cursor of a token produced by {@link #encode} for the same scope. */
    public List<String> decode(String scope, String token, String field) {
        try {
            byte[] raw = DECODER.decode(token);
            if (raw.length >= 16) {
                byte[] body = Arrays.copyOf(raw, raw.length - 16);
                byte[] mac = Arrays.copyOfRange(raw, raw.length - 16, raw.length);
                if (MessageDigest.isEqual(mac, Arrays.copyOf(mac(scope, body), 16))) {
                    return List.of(new String(body, StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), -1));
                }
            }
        } catch (IllegalArgumentException ignored) {
            // not base64: falls through to the same answer as a forged token
        }
        throw DomainException.invalidArgument(field, "is not a page token of this query");
    }

    /** The page size to use: the default for 0, capped at the maximum; negative is an error. */
    public static int pageSize(int requested, int defaultSize, int maxSize, String field) {
        if (requested < 0) {
            throw DomainException.invalidArgument(field, "must not be negative");
        }
        return requested == 0 ? defaultSize : Math.min(requested, maxSize);
    }

    private byte[] mac(String scope, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(scope.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
