package dev.videoplatform.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.NotificationEmail;
import dev.videoplatform.notification.Platform.Member;
import dev.videoplatform.notification.v1.Delivery;
import dev.videoplatform.notification.v1.GetPreferencesRequest;
import dev.videoplatform.notification.v1.Preferences;
import dev.videoplatform.notification.v1.PushPlatform;
import dev.videoplatform.notification.v1.RegisterPushDeviceRequest;
import dev.videoplatform.notification.v1.UpdatePreferencesRequest;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.paging.PageTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Emails: sent per the recipient's preferences from the templates with a signed one-click
 * unsubscribe; an SMTP outage leaves the inbox alone and the email goes out when SMTP is back,
 * or to the DLQ after the last attempt; a burst becomes a digest. SMTP is GreenMail in this JVM.
 */
@QuarkusTest
class EmailTest extends ServiceChannel {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String UNSUBSCRIBE = "https://videoplatform.test/v1/notifications/unsubscribe?token=";

    @Inject
    Pool pool;

    @Inject
    PageTokens pageTokens;

    @Test
    void emailsFollowThePreferencesAndCarryAOneClickUnsubscribeThatCannotBeForged() throws Exception {
        try (MailSink sink = MailSink.start()) {
            Member wantsEmail = owner(p -> p.setNewComment(Delivery.DELIVERY_EMAIL), "new_comment");
            Member inAppOnly = Platform.register();
            Member emailOff = owner(p -> p.setNewComment(Delivery.DELIVERY_EMAIL).setEmailEnabled(false).setPushEnabled(false),
                    "new_comment", "email_enabled", "push_enabled");
            Member commenter = Platform.register();
            for (Member owner : List.of(wantsEmail, emailOff)) {
                owner.notifications(service).registerPushDevice(RegisterPushDeviceRequest.newBuilder()
                        .setPlatform(PushPlatform.PUSH_PLATFORM_FCM).setToken("fcm-" + owner.userId()).build());
            }
            String videoId = UUID.randomUUID().toString();
            for (Member owner : List.of(inAppOnly, emailOff, wantsEmail)) {
                Platform.publish(videoId, InboxTest.comment(videoId, owner, commenter, null, "Great video <3"));
            }

            List<MimeMessage> mails = sink.to(wantsEmail.email(), 1, 30);
            assertEquals(1, mails.size(), "the one who gets comments by email got one");
            MimeMessage mail = mails.get(0);
            assertTrue(mail.getSubject().endsWith("commented on \"My clip\""), mail.getSubject());
            Map<String, String> parts = parts(mail);
            assertTrue(parts.get("text/plain").contains("Great video <3"), parts.toString());
            assertTrue(parts.get("text/html").contains("Great video &lt;3"), "escaped in HTML: " + parts);
            assertTrue(parts.get("text/html").contains("/watch/" + videoId), parts.toString());
            String header = mail.getHeader("List-Unsubscribe")[0];
            assertTrue(header.startsWith("<" + UNSUBSCRIBE) && header.endsWith(">"), header);
            assertEquals("List-Unsubscribe=One-Click", mail.getHeader("List-Unsubscribe-Post")[0]);

            for (Member owner : List.of(inAppOnly, emailOff)) {
                assertEquals(1, Platform.inboxWhen(owner, service, list -> !list.isEmpty()).size(), "in the inbox all the same");
            }
            assertEquals(1, outboxEvents("notification.email", wantsEmail));
            assertEquals(0, outboxEvents("notification.email", inAppOnly), "in-app only: no email");
            assertEquals(0, outboxEvents("notification.email", emailOff), "email switched off: no email");
            assertEquals(1, outboxEvents("notification.push", wantsEmail), "push is on by default, for a device");
            assertEquals(0, outboxEvents("notification.push", inAppOnly), "no device registered");
            assertEquals(0, outboxEvents("notification.push", emailOff), "push switched off");

            String token = URLDecoder.decode(header.substring(UNSUBSCRIBE.length() + 1, header.length() - 1),
                    StandardCharsets.UTF_8);
            byte[] raw = Base64.getUrlDecoder().decode(token);
            byte[] flipped = raw.clone();
            flipped[flipped.length - 1] ^= 1;
            String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(flipped);
            // The same signature over another user's id, and the same values signed for another use.
            byte[] body = (inAppOnly.userId() + "\u001f3").getBytes(StandardCharsets.UTF_8);
            byte[] otherBody = Arrays.copyOf(body, body.length + 16);
            System.arraycopy(raw, raw.length - 16, otherBody, body.length, 16);
            String otherUser = Base64.getUrlEncoder().withoutPadding().encodeToString(otherBody);
            String pageToken = pageTokens.encode("notifications:" + wantsEmail.userId(), List.of(wantsEmail.userId(), "3"));
            for (String forged : List.of(altered, otherUser, "", "not-a-token", pageToken)) {
                assertEquals(400, unsubscribe("POST", forged).statusCode(), "refused: " + forged);
            }
            assertEquals(Delivery.DELIVERY_EMAIL, preferences(wantsEmail).getNewComment(), "nothing changed");
            assertEquals(Delivery.DELIVERY_IN_APP, preferences(inAppOnly).getNewComment());

            HttpResponse<String> page = unsubscribe("GET", token);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<form method=\"post\""), page.body());
            assertEquals(Delivery.DELIVERY_EMAIL, preferences(wantsEmail).getNewComment(), "a GET changes nothing");

            HttpResponse<String> done = unsubscribe("POST", token);
            assertEquals(200, done.statusCode(), done.body());
            Preferences after = preferences(wantsEmail);
            assertEquals(Delivery.DELIVERY_IN_APP, after.getNewComment(), "comments no longer by email");
            assertTrue(after.getEmailEnabled(), "other kinds still by email");
            assertEquals(Delivery.DELIVERY_EMAIL, after.getCommentReply());

            Platform.publish(videoId, InboxTest.comment(videoId, wantsEmail, commenter, null, "Another one"));
            assertEquals(2, Platform.inboxWhen(wantsEmail, service, list -> list.size() == 2).size());
            assertEquals(1, outboxEvents("notification.email", wantsEmail), "no email after unsubscribing");
        }
    }

    @Test
    void anSmtpOutageLeavesTheInboxAloneAndTheEmailGoesOutWhenSmtpIsBack() throws Exception {
        Member owner = owner(p -> p.setNewComment(Delivery.DELIVERY_EMAIL), "new_comment");
        String videoId = UUID.randomUUID().toString();
        Platform.publish(videoId, InboxTest.comment(videoId, owner, Platform.register(), null, "While SMTP is down"));

        assertEquals(1, Platform.inboxWhen(owner, service, list -> !list.isEmpty()).size(), "the inbox does not wait for SMTP");
        awaitQueued(owner, "attempts >= 1 AND sent_at IS NULL AND failed_at IS NULL");
        try (MailSink sink = MailSink.start()) {
            List<MimeMessage> mails = sink.to(owner.email(), 1, 30);
            assertEquals(1, mails.size(), "sent once SMTP is back");
            assertTrue(parts(mails.get(0)).get("text/plain").contains("While SMTP is down"));
            awaitQueued(owner, "sent_at IS NOT NULL");
        }
    }

    @Test
    void anEmailThatCannotBeSentGoesToTheDeadLetterTopicAfterTheLastAttempt() throws Exception {
        Member owner = owner(p -> p.setNewComment(Delivery.DELIVERY_EMAIL), "new_comment");
        String videoId = UUID.randomUUID().toString();
        Platform.publish(videoId, InboxTest.comment(videoId, owner, Platform.register(), null, "Never delivered"));

        awaitQueued(owner, "failed_at IS NOT NULL");
        Row row = pool.preparedQuery("SELECT event_id, attempts FROM outgoing_email WHERE user_id = $1")
                .execute(Tuple.of(owner.userId())).await().indefinitely().iterator().next();
        assertEquals(4, row.getInteger(1), "max-attempts in tests");
        List<byte[]> parked = new TopicProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))
                .collect("notification.email.dlq", value -> EventEnvelopes.parse(value).getEventId().equals(row.getString(0)),
                        Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertEquals(1, parked.size(), "the event on notification.email.dlq");
        EventEnvelope envelope = EventEnvelopes.parse(parked.get(0));
        assertEquals("Never delivered", EventEnvelopes.payload(envelope, NotificationEmail.class).getBodyText());
    }

    @Test
    void aBurstOfEmailsWithinTheWindowIsFoldedIntoADigest() throws Exception {
        try (MailSink sink = MailSink.start()) {
            Member owner = owner(p -> p.setNewComment(Delivery.DELIVERY_EMAIL), "new_comment");
            String videoId = UUID.randomUUID().toString();
            int comments = 8;
            // The commenters first (a registration takes a while), so the comments come as one burst.
            List<Member> authors = new ArrayList<>();
            for (int i = 0; i < comments; i++) {
                authors.add(Platform.register());
            }
            for (int i = 0; i < comments; i++) {
                Platform.publish(videoId, InboxTest.comment(videoId, owner, authors.get(i), null, "Comment #" + i));
            }
            awaitQueued(owner, "sent_at IS NOT NULL", comments);
            List<MimeMessage> mails = sink.to(owner.email(), 1, 5);
            assertTrue(mails.size() <= 4, "at most the threshold (3) and a digest: " + mails.size());
            StringBuilder all = new StringBuilder();
            boolean digest = false;
            for (MimeMessage mail : mails) {
                all.append(parts(mail).get("text/plain"));
                digest |= mail.getSubject().matches("\\d+ new notifications");
            }
            assertTrue(digest, "one of them is a digest");
            for (int i = 0; i < comments; i++) {
                assertTrue(all.toString().contains("Comment #" + i), "every comment in some email: #" + i);
            }
        }
    }

    /** A new user whose preferences {@code change} sets at {@code paths}. */
    private Member owner(java.util.function.UnaryOperator<Preferences.Builder> change, String... paths) {
        Member member = Platform.register();
        member.notifications(service).updatePreferences(UpdatePreferencesRequest.newBuilder()
                .setPreferences(change.apply(Preferences.newBuilder()))
                .setUpdateMask(FieldMask.newBuilder().addAllPaths(List.of(paths))).build());
        return member;
    }

    private Preferences preferences(Member member) {
        return member.notifications(service).getPreferences(GetPreferencesRequest.getDefaultInstance());
    }

    private long outboxEvents(String topic, Member member) {
        return pool.preparedQuery("SELECT count(*) FROM outbox_event WHERE topic = $1 AND aggregate_key = $2")
                .execute(Tuple.of(topic, member.userId())).await().indefinitely().iterator().next().getLong(0);
    }

    private void awaitQueued(Member member, String condition) throws InterruptedException {
        awaitQueued(member, condition, 1);
    }

    /** Waits until {@code count} of the member's queued emails meet {@code condition} (SQL). */
    private void awaitQueued(Member member, String condition, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            long n = pool.preparedQuery("SELECT count(*) FROM outgoing_email WHERE user_id = $1 AND " + condition)
                    .execute(Tuple.of(member.userId())).await().indefinitely().iterator().next().getLong(0);
            if (n >= count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within 30 s: " + count + " queued email(s) with " + condition);
    }

    private static HttpResponse<String> unsubscribe(String method, String token) throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/v1/notifications/unsubscribe?token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)));
        request = method.equals("POST")
                ? request.header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                : request.GET();
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The text of each part by content type (text/plain, text/html). */
    static Map<String, String> parts(Part part) throws Exception {
        Map<String, String> found = new HashMap<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                found.putAll(parts(body));
            }
        } else if (part.getContent() instanceof String text) {
            found.put(part.getContentType().split(";")[0].trim().toLowerCase(), text);
        }
        return found;
    }
}
