package dev.videoplatform.notification.service;

/** The titles and bodies of notifications, cut to the lengths the API promises. */
final class NotificationTexts {

    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 1000;

    private NotificationTexts() {
    }

    static String newVideoTitle(String videoTitle) {
        return title("New video: " + videoTitle);
    }

    static String newCommentTitle(String author, String videoTitle) {
        return title(author + " commented on \"" + videoTitle + "\"");
    }

    static String replyTitle(String author, String videoTitle) {
        return title(author + " replied to your comment on \"" + videoTitle + "\"");
    }

    /** "Ana subscribed to your channel", or "5 new subscribers" once several are batched. */
    static String subscribersTitle(int count, String latestSubscriber) {
        return title(count == 1 ? latestSubscriber + " subscribed to your channel" : count + " new subscribers");
    }

    static String subscribersBody(int count, String latestSubscriber) {
        return count == 1 ? "" : body("Latest: " + latestSubscriber);
    }

    static String body(String text) {
        return cut(text, MAX_BODY);
    }

    private static String title(String text) {
        return cut(text, MAX_TITLE);
    }

    /** At most {@code max} code points, never splitting a surrogate pair. */
    private static String cut(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
