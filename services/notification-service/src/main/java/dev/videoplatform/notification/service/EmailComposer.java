package dev.videoplatform.notification.service;

import dev.videoplatform.events.v1.NotificationEmail;
import dev.videoplatform.notification.config.NotificationConfig;
import dev.videoplatform.notification.v1.NotificationKind;
import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Emails from the Qute templates (HTML and text): one notification, or a digest of several.
 * Every email carries the one-click unsubscribe headers of RFC 8058 for its kind (all kinds for
 * a digest that mixes them).
 */
@ApplicationScoped
public class EmailComposer {

    /** One entry of an email as the templates show it. */
    @TemplateData
    public record Item(String subject, String body, String link) {
    }

    private final Template notificationHtml;
    private final Template notificationText;
    private final Template digestHtml;
    private final Template digestText;
    private final UnsubscribeLinks unsubscribe;
    private final String from;
    private final String siteUrl;

    public EmailComposer(@Location("email/notification.html") Template notificationHtml,
            @Location("email/notification.txt") Template notificationText,
            @Location("email/digest.html") Template digestHtml, @Location("email/digest.txt") Template digestText,
            UnsubscribeLinks unsubscribe, NotificationConfig config) {
        this.notificationHtml = notificationHtml;
        this.notificationText = notificationText;
        this.digestHtml = digestHtml;
        this.digestText = digestText;
        this.unsubscribe = unsubscribe;
        this.from = config.email().from();
        this.siteUrl = config.email().siteUrl();
    }

    /** The email of {@code emails} (one: itself; several: a digest) to {@code address}. */
    public Mail compose(String address, List<NotificationEmail> emails) {
        NotificationEmail first = emails.get(0);
        boolean oneKind = emails.stream().allMatch(e -> e.getKind() == first.getKind());
        NotificationKind kind = oneKind ? NotificationKind.forNumber(first.getKindValue()) : null;
        String unsubscribeUrl = unsubscribe.url(first.getUserId(),
                kind == null ? NotificationKind.NOTIFICATION_KIND_UNSPECIFIED : kind);
        Mail mail;
        if (emails.size() == 1) {
            Item item = item(first);
            mail = Mail.withHtml(address, item.subject(), render(notificationHtml, item, unsubscribeUrl))
                    .setText(render(notificationText, item, unsubscribeUrl));
        } else {
            String subject = emails.size() + " new notifications";
            List<Item> items = emails.stream().map(this::item).toList();
            mail = Mail.withHtml(address, subject, digestHtml.data("subject", subject).data("items", items)
                            .data("unsubscribeUrl", unsubscribeUrl).render())
                    .setText(digestText.data("subject", subject).data("items", items)
                            .data("unsubscribeUrl", unsubscribeUrl).render());
        }
        return mail.setFrom(from).addHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    private static String render(Template template, Item item, String unsubscribeUrl) {
        return template.data("subject", item.subject()).data("body", item.body()).data("link", item.link())
                .data("unsubscribeUrl", unsubscribeUrl).render();
    }

    private Item item(NotificationEmail email) {
        String link = !email.getVideoId().isEmpty() ? siteUrl + "/watch/" + email.getVideoId()
                + (email.getCommentId().isEmpty() ? "" : "#comment-" + email.getCommentId())
                : !email.getActorUserId().isEmpty() ? siteUrl + "/channel/" + email.getActorUserId() : siteUrl;
        return new Item(email.getSubject(), email.getBodyText(), link);
    }
}
