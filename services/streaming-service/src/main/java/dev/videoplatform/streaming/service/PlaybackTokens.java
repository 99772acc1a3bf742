package dev.videoplatform.streaming.service;

import dev.videoplatform.streaming.config.StreamingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed playback tokens for PRIVATE videos: {@code pt.<viewer>.<expiry>.<mac>}, an HMAC-SHA256
 * over video id, viewer and expiry. The token travels as one path segment
 * ({@code /stream/<video>/<token>/master.m3u8}), so the relative URIs inside the playlists carry
 * it to every rendition and segment without rewriting, and HLS players need no headers.
 */
@ApplicationScoped
public class PlaybackTokens {

    public static final Pattern FORMAT = Pattern.compile("pt\\.([A-Za-z0-9_-]{1,128})\\.([1-9][0-9]{0,11})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public PlaybackTokens(StreamingConfig config) {
        this.key = new SecretKeySpec(config.playbackTokenSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String sign(String videoId, String viewerId, Instant expiry) {
        String viewer = ENCODER.encodeToString(viewerId.getBytes(StandardCharsets.UTF_8));
        long expires = expiry.getEpochSecond();
        return "pt." + viewer + "." + expires + "." + ENCODER.encodeToString(mac(videoId, viewer, expires));
    }

    /** The viewer a token was issued to, when it is genuine, for this video, and not expired. */
    public Optional<String> verify(String token, String videoId, Instant now) {
        Matcher m = FORMAT.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        long expires = Long.parseLong(m.group(2));
        // The MAC is compared in its canonical spelling: base64 leaves spare bits in its last
        // character, and a decoder ignores them, so comparing decoded bytes would accept several
        // spellings of one token (several URLs, and cache entries, per grant).
        byte[] presented = m.group(3).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = ENCODER.encodeToString(mac(videoId, m.group(1), expires)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(presented, expected) || now.getEpochSecond() >= expires) {
            return Optional.empty();
        }
        return Optional.of(new String(DECODER.decode(m.group(1)), StandardCharsets.UTF_8));
    }

    private byte[] mac(String videoId, String viewer, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((videoId + "\n" + viewer + "\n" + expires).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
