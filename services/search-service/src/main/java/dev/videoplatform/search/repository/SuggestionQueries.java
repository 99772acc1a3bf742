package dev.videoplatform.search.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads of the {@code suggestion} and {@code lexicon} tables, which the read model's trigger keeps
 * in step with the listed videos.
 */
@ApplicationScoped
public class SuggestionQueries {

    /**
     * Most popular phrases starting with the folded prefix. The first one to three characters
     * select an index whose rows are in popularity order, so even a one-letter prefix reads only
     * the rows it returns (plus, beyond three characters, the ones the prefix filter skips).
     */
    private static final String[] COMPLETE = new String[4];

    static {
        for (int n = 1; n <= 3; n++) {
            COMPLETE[n] = "SELECT display FROM suggestion WHERE left(phrase, " + n + ") = left(search_fold($1), " + n + ")"
                    + " AND starts_with(phrase, search_fold($1)) ORDER BY left(phrase, " + n + "), weight DESC, phrase LIMIT $2";
        }
    }

    /** For each unknown word (1-based position): the most similar indexed word, most common first on ties. */
    private static final String CORRECT = """
            SELECT w.position, (SELECT l.word FROM lexicon l
                                WHERE l.word % w.folded AND similarity(l.word, w.folded) >= $2
                                ORDER BY similarity(l.word, w.folded) DESC, l.video_count DESC, l.word LIMIT 1)
            FROM (SELECT position, search_fold(raw) AS folded
                  FROM unnest($1::text[]) WITH ORDINALITY AS t (raw, position)) AS w
            WHERE NOT EXISTS (SELECT 1 FROM lexicon l WHERE l.word = w.folded)""";

    private final Pool pool;

    public SuggestionQueries(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} completions of {@code prefix} (already trimmed, not empty), best first. */
    public Uni<List<String>> complete(String prefix, int limit) {
        int indexed = Math.min(3, prefix.codePointCount(0, prefix.length()));
        return pool.preparedQuery(COMPLETE[indexed]).execute(Tuple.of(prefix, limit)).map(rows -> {
            List<String> phrases = new ArrayList<>(rows.size());
            rows.forEach(row -> phrases.add(row.getString(0)));
            return phrases;
        });
    }

    /**
     * Replacements for the words no listed video has: index in {@code words} → the closest
     * indexed word at least {@code minSimilarity} alike. Known words and words without a close
     * match are absent.
     */
    public Uni<Map<Integer, String>> corrections(List<String> words, double minSimilarity) {
        return pool.preparedQuery(CORRECT).execute(Tuple.of(words.toArray(String[]::new), minSimilarity)).map(rows -> {
            Map<Integer, String> found = new HashMap<>();
            rows.forEach(row -> {
                String word = row.getString(1);
                if (word != null) {
                    found.put(row.getLong(0).intValue() - 1, word);
                }
            });
            return found;
        });
    }
}
