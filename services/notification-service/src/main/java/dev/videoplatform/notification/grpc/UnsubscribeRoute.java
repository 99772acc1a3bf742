package dev.videoplatform.notification.grpc;

import dev.videoplatform.notification.service.PreferenceSettings;
import dev.videoplatform.notification.service.UnsubscribeLinks;
import dev.videoplatform.notification.service.UnsubscribeLinks.Target;
import dev.videoplatform.platform.error.DomainException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /v1/notifications/unsubscribe?token=…}: the target of the List-Unsubscribe header. A
 * POST (RFC 8058 one-click, what mail clients send) stops the emails the signed token names; a
 * GET (a person following the link) only shows a button that POSTs, since mail scanners follow
 * links. A forged or altered token is 400 and changes nothing.
 */
@ApplicationScoped
public class UnsubscribeRoute {

    static final String PATH = "/v1/notifications/unsubscribe";

    private final UnsubscribeLinks links;
    private final PreferenceSettings preferences;

    public UnsubscribeRoute(UnsubscribeLinks links, PreferenceSettings preferences) {
        this.links = links;
        this.preferences = preferences;
    }

    void register(@Observes Router router) {
        router.post(PATH).handler(this::unsubscribe);
        router.get(PATH).handler(this::confirmationPage);
    }

    private void unsubscribe(RoutingContext ctx) {
        Target target = verified(ctx);
        if (target == null) {
            return;
        }
        preferences.stopEmails(target.userId(), target.kind()).subscribe().with(
                done -> ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("You will no longer get these emails.\n"),
                failure -> ctx.response().setStatusCode(503).end("Please try again later.\n"));
    }

    private void confirmationPage(RoutingContext ctx) {
        if (verified(ctx) == null) {
            return;
        }
        // The token is base64url: safe inside the attribute as it is.
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Unsubscribe</title></head>
                <body><form method="post" action="%s?token=%s">
                <input type="hidden" name="List-Unsubscribe" value="One-Click">
                <button type="submit">Stop these emails</button></form></body></html>
                """.formatted(PATH, ctx.request().getParam("token")));
    }

    /** The token's target, or null after answering 400. */
    private Target verified(RoutingContext ctx) {
        String token = ctx.request().getParam("token");
        try {
            if (token == null || token.isEmpty()) {
                throw DomainException.invalidArgument("token", "is required");
            }
            return links.verify(token);
        } catch (DomainException e) {
            ctx.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("This unsubscribe link is not valid.\n");
            return null;
        }
    }
}
