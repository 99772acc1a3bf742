package dev.videoplatform.platform.validation;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Set;

/**
 * The one rule every request string obeys: well-formed Unicode (so it is valid UTF-8 on the wire
 * and in PostgreSQL, which refuses NUL) and no C0 control character. Free-text fields listed in
 * {@link #MULTILINE} may also hold line breaks and tabs. Lengths are the services' business and
 * are counted in code points ({@link dev.videoplatform.platform.error.Violations#length}).
 */
public final class TextRule {

    /** Fields (full proto names) whose contracts document free text: they may hold \n, \r and \t. */
    static final Set<String> MULTILINE = Set.of(
            "videoplatform.upload.v1.Video.description",
            "videoplatform.upload.v1.InitiateUploadRequest.description",
            "videoplatform.user.v1.User.bio",
            "videoplatform.comment.v1.Comment.text",
            "videoplatform.comment.v1.AddCommentRequest.text");

    private TextRule() {
    }

    static boolean allowsLineBreaks(FieldDescriptor field) {
        return MULTILINE.contains(field.getFullName());
    }

    /** What is wrong with {@code value}, or null when it obeys the rule. Allocation-free when it does. */
    public static String problem(String value, boolean lineBreaksAllowed) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20) {
                if (c == 0) {
                    return "must not contain NUL characters";
                }
                if (!(lineBreaksAllowed && (c == '\n' || c == '\r' || c == '\t'))) {
                    return lineBreaksAllowed ? "must not contain control characters other than line breaks and tabs"
                            : "must not contain control characters";
                }
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return "must be valid UTF-8 (no unpaired surrogates)";
                }
            }
        }
        return null;
    }
}
