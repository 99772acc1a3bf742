package dev.videoplatform.platform.error;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a request before failing, so a client sees all of them at once. */
public final class Violations {

    private final List<DomainException.FieldViolation> found = new ArrayList<>();

    public Violations add(String field, String description) {
        found.add(new DomainException.FieldViolation(field, description));
        return this;
    }

    /** Adds the violation when {@code bad} holds. */
    public Violations check(boolean bad, String field, String description) {
        return bad ? add(field, description) : this;
    }

    public Violations requireNonBlank(String value, String field) {
        return check(value == null || value.isBlank(), field, "is required");
    }

    /** Length in Unicode code points, as the contracts document limits. */
    public Violations length(String value, String field, int min, int max) {
        int length = value == null ? 0 : value.codePointCount(0, value.length());
        if (length < min || length > max) {
            add(field, min == max ? "must be " + min + " characters"
                    : min == 0 ? "must be at most " + max + " characters"
                    : "must be " + min + "–" + max + " characters");
        }
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws INVALID_ARGUMENT with every violation collected, if any. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw DomainException.invalidArgument(List.copyOf(found));
        }
    }
}
