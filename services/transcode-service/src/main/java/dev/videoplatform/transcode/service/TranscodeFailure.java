package dev.videoplatform.transcode.service;

/**
 * Why a job failed, in words safe to show the video's owner (no paths, no stack traces), and
 * whether trying again could help (I/O trouble, a stopping worker) or not (bad media).
 */
public class TranscodeFailure extends RuntimeException {

    private static final int MAX_REASON = 1000;

    private final boolean retriable;

    private TranscodeFailure(String reason, boolean retriable, Throwable cause) {
        super(reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason, cause);
        this.retriable = retriable;
    }

    /** The input cannot be transcoded; trying again would fail the same way. */
    public static TranscodeFailure badInput(String reason) {
        return new TranscodeFailure(reason, false, null);
    }

    /** Something outside the input failed; a new attempt may succeed. */
    public static TranscodeFailure transientFailure(String reason, Throwable cause) {
        return new TranscodeFailure(reason, true, cause);
    }

    public boolean retriable() {
        return retriable;
    }

    public String reason() {
        return getMessage();
    }
}
