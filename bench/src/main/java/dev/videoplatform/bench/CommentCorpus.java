package dev.videoplatform.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * One video's thread as comment-service stores it, generated and loaded with COPY (not through
 * the service, which would take hours at a realistic spread): top-level comments and replies over
 * the last 30 days, replies spread over the threads by a Zipf law (a few threads get most of
 * them), votes spread over the comments the same way, four up-votes to one down-vote. Counts,
 * reply counts and TOP scores are exact for the rows loaded (the scores by the schema's own
 * function). Seeded: every run loads the same thread.
 */
final class CommentCorpus {

    static final String VIDEO_ID = "bench-video";
    static final String OWNER_ID = "bench-owner";
    private static final double ZIPF_EXPONENT = 1.1;
    private static final int AUTHORS = 20_000;
    private static final int VOTERS = 50_000;
    private static final int VOTES_PER_COMMENT = 3;
    private static final Duration SPAN = Duration.ofDays(30);
    private static final String[] WORDS = {"great", "video", "thanks", "the", "part", "at", "minute", "where", "you",
        "explain", "really", "helped", "me", "I", "think", "this", "is", "wrong", "about", "editing", "music", "first",
        "time", "watching", "love", "channel", "more", "please", "how", "did", "camera", "light"};

    /** The ids of the loaded top-level comments, in creation order. */
    final List<UUID> topLevel = new ArrayList<>();

    /** Every author of the loaded comments. */
    static List<String> authorIds() {
        List<String> ids = new ArrayList<>(AUTHORS);
        for (int k = 0; k < AUTHORS; k++) {
            ids.add(author(k));
        }
        return ids;
    }

    private static String author(int k) {
        return "bench-user-" + k;
    }

    /** Loads {@code comments} comments (60 % top-level) and their votes into the comments database. */
    void load(Connection db, int comments) throws SQLException, IOException {
        Random random = new Random(18);
        int tops = comments * 6 / 10;
        int replyCount = comments - tops;
        Instant end = Instant.now().minusSeconds(60);
        Instant start = end.minus(SPAN);
        long[] createdMillis = new long[comments];
        String[] authors = new String[comments];
        int[] parent = new int[comments];
        long[] up = new long[comments];
        long[] down = new long[comments];
        long[] replyCounts = new long[tops];
        UUID[] ids = new UUID[comments];
        for (int i = 0; i < tops; i++) {
            createdMillis[i] = start.toEpochMilli() + SPAN.toMillis() * i / tops;
            authors[i] = author(random.nextInt(AUTHORS));
            parent[i] = -1;
        }
        // Which threads draw the replies: Zipf ranks over the top-level comments in a random order.
        int[] threadOfRank = permutation(tops, random);
        Zipf threads = new Zipf(tops, ZIPF_EXPONENT);
        for (int r = 0; r < replyCount; r++) {
            int i = tops + r;
            int p = threadOfRank[threads.rank(random.nextDouble())];
            parent[i] = p;
            replyCounts[p]++;
            createdMillis[i] = createdMillis[p] + (long) (random.nextDouble() * (end.toEpochMilli() - createdMillis[p]));
            authors[i] = author(random.nextInt(AUTHORS));
        }
        for (int i = 0; i < comments; i++) {
            ids[i] = uuid7(createdMillis[i], random);
        }
        int[] commentOfRank = permutation(comments, random);
        Zipf voted = new Zipf(comments, ZIPF_EXPONENT);
        int[] votes = new int[comments];
        for (long v = 0; v < (long) comments * VOTES_PER_COMMENT; v++) {
            votes[commentOfRank[voted.rank(random.nextDouble())]]++;
        }
        StringBuilder commentRows = new StringBuilder();
        StringBuilder voteRows = new StringBuilder();
        for (int i = 0; i < comments; i++) {
            int offset = random.nextInt(VOTERS);
            for (int j = 0; j < Math.min(votes[i], VOTERS); j++) {
                boolean isUp = random.nextInt(5) > 0;
                if (isUp) {
                    up[i]++;
                } else {
                    down[i]++;
                }
                voteRows.append(ids[i]).append('\t').append("bench-voter-").append((offset + j) % VOTERS).append('\t')
                        .append(isUp ? 1 : 2).append('\n');
            }
        }
        for (int i = 0; i < comments; i++) {
            boolean reply = parent[i] >= 0;
            commentRows.append(ids[i]).append('\t').append(VIDEO_ID).append('\t')
                    .append(reply ? ids[parent[i]].toString() : "\\N").append('\t')
                    .append(reply ? authors[parent[i]] : "\\N").append('\t')
                    .append(authors[i]).append('\t').append(text(random)).append('\t')
                    .append(Instant.ofEpochMilli(createdMillis[i])).append('\t')
                    .append(up[i]).append('\t').append(down[i]).append('\t').append(reply ? 0 : replyCounts[i])
                    .append("\t0\n");
            if (!reply) {
                topLevel.add(ids[i]);
            }
        }
        long began = System.nanoTime();
        try (Statement s = db.createStatement()) {
            s.execute("INSERT INTO video_thread (video_id, channel_id, catalog_at) VALUES ('" + VIDEO_ID
                    + "', '" + OWNER_ID + "', now())");
            s.execute("INSERT INTO video_comment_count (video_id, shard, count) VALUES ('" + VIDEO_ID + "', 0, "
                    + comments + ")");
        }
        var copy = db.unwrap(PGConnection.class).getCopyAPI();
        copy.copyIn("COPY comment (comment_id, video_id, parent_id, reply_to_author_id, author_id, text, created_at,"
                + " up_count, down_count, reply_count, top_score) FROM STDIN", reader(commentRows));
        long voteCount = copy.copyIn("COPY comment_vote (comment_id, user_id, vote) FROM STDIN", reader(voteRows));
        try (Statement s = db.createStatement()) {
            s.execute("UPDATE comment SET top_score = comment_top_score(up_count, down_count, created_at)");
            s.execute("VACUUM ANALYZE comment, comment_vote, video_thread, video_comment_count");
        }
        System.out.printf(Locale.ROOT, "# loaded %d comments (%d top-level, %d replies; the busiest thread has %d replies)"
                + " and %d votes with COPY in %.1f s (scores computed, VACUUM ANALYZE included)%n", comments, tops,
                replyCount, Arrays.stream(replyCounts).max().orElse(0), voteCount, (System.nanoTime() - began) / 1e9);
    }

    private static Reader reader(StringBuilder rows) {
        return new StringReader(rows.toString());
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int w = 8 + random.nextInt(24); w > 0; w--) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(w > 1 ? " " : "");
        }
        return text.toString();
    }

    private static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A UUIDv7 of that millisecond (what the service's ids are), so that id order follows creation order. */
    private static UUID uuid7(long millis, Random random) {
        long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
