package dev.videoplatform.cli.exit;

/** The process exit codes of {@code vp}, documented in cli/README.md: scripts branch on them. */
public final class ExitCode {

    public static final int OK = 0;
    /** Anything not covered below, e.g. a request the server refused as invalid. */
    public static final int FAILURE = 1;
    /** Wrong command line (picocli's own code for invalid input). */
    public static final int USAGE = 2;
    /** Not signed in, session expired, or wrong credentials. */
    public static final int NOT_SIGNED_IN = 3;
    /** A video, comment, user or local file that does not exist. */
    public static final int NOT_FOUND = 4;
    /** The server could not be reached or said it is unavailable. */
    public static final int UNAVAILABLE = 5;
    /** The upload went through but transcoding failed (or the video was banned meanwhile). */
    public static final int TRANSCODE_FAILED = 6;
    /** Signed in, but not allowed: e.g. an admin command without the admin role, or a suspended account. */
    public static final int FORBIDDEN = 7;

    private ExitCode() {
    }

    /** The code for an API answer with HTTP status {@code status} (>= 400). */
    public static int forHttpStatus(int status) {
        return switch (status) {
            case 401 -> NOT_SIGNED_IN;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 502, 503, 504 -> UNAVAILABLE;
            default -> FAILURE;
        };
    }
}
