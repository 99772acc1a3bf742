package dev.videoplatform.notification.service;

import dev.videoplatform.notification.config.NotificationConfig;
import dev.videoplatform.notification.v1.NotificationKind;
import dev.videoplatform.platform.paging.PageTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * One-click unsubscribe links (RFC 8058): the user and the kind, HMAC-signed by the same signer
 * as page tokens under a scope of their own, so a link cannot be forged or altered to another
 * user or kind, and no page token passes as one.
 */
@ApplicationScoped
public class UnsubscribeLinks {

    /** Whose emails of which kind to stop; NOTIFICATION_KIND_UNSPECIFIED: all of them. */
    public record Target(String userId, NotificationKind kind) {
    }

    private static final String SCOPE = "unsubscribe";

    private final PageTokens signer;
    private final String baseUrl;

    public UnsubscribeLinks(PageTokens signer, NotificationConfig config) {
        this.signer = signer;
        this.baseUrl = config.email().unsubscribeUrl();
    }

    public String url(String userId, NotificationKind kind) {
        return baseUrl + "?token=" + signer.encode(SCOPE, List.of(userId, Integer.toString(kind.getNumber())));
    }

    /** The target of a token made by {@link #url}; INVALID_ARGUMENT for anything else. */
    public Target verify(String token) {
        List<String> values = signer.decode(SCOPE, token, "token");
        NotificationKind kind = values.size() == 2 ? NotificationKind.forNumber(Integer.parseInt(values.get(1))) : null;
        if (kind == null) {
            throw new IllegalStateException("a signed unsubscribe token with unexpected content: " + values);
        }
        return new Target(values.get(0), kind);
    }
}
