package dev.videoplatform.upload.service;

import dev.videoplatform.upload.config.UploadConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed upload URLs: {@code PUT <public-url>/uploads/{id}?expires=<epoch s>&max=<bytes>&sig=<hmac>}.
 * The HMAC binds upload id, expiry and maximum size, so the URL alone authorises raw byte
 * uploads (browsers and apps stream bytes, no token, no base64 JSON) and nothing else.
 */
@ApplicationScoped
public class UploadUrls {

    private final UploadConfig config;
    private final SecretKeySpec key;

    public UploadUrls(UploadConfig config) {
        this.config = config;
        this.key = new SecretKeySpec(config.urlSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String sign(String uploadId, Instant expires, long maxBytes) {
        long expiresAt = expires.getEpochSecond();
        return config.publicUrl() + "/uploads/" + uploadId + "?expires=" + expiresAt + "&max=" + maxBytes + "&sig="
                + signature(uploadId, expiresAt, maxBytes);
    }

    /** Whether the parameters were signed by us and have not expired. */
    public boolean verify(String uploadId, long expiresAt, long maxBytes, String sig) {
        if (sig == null || Instant.now().getEpochSecond() > expiresAt) {
            return false;
        }
        return MessageDigest.isEqual(signature(uploadId, expiresAt, maxBytes).getBytes(StandardCharsets.US_ASCII),
                sig.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String uploadId, long expiresAt, long maxBytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((uploadId + "\n" + expiresAt + "\n" + maxBytes)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
