package dev.videoplatform.user.service;

import dev.videoplatform.platform.error.Violations;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a valid account looks like (limits as documented in user.proto). */
final class AccountRules {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_.]{2,29}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private AccountRules() {
    }

    static String normalizeUsername(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    static void username(Violations v, String normalized) {
        v.check(!USERNAME.matcher(normalized).matches(), "username",
                "must be 3–30 characters of a-z, 0-9, '_' or '.', starting with a letter or digit");
    }

    static void email(Violations v, String email) {
        v.check(email == null || email.codePointCount(0, email.length()) > 254 || !EMAIL.matcher(email).matches(), "email",
                "must be an email address of at most 254 characters");
    }

    static void password(Violations v, String password, String username, String email) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < 10 || length > 128) {
            v.add("password", "must be 10–128 characters");
            return;
        }
        v.check(password.equalsIgnoreCase(username) || (email != null && password.equalsIgnoreCase(email)),
                "password", "must not be the username or the email address");
    }

    static void displayName(Violations v, String field, String displayName) {
        v.length(displayName, field, 1, 50);
        v.check(displayName != null && CONTROL.matcher(displayName).find(), field, "must not contain control characters");
    }
}
