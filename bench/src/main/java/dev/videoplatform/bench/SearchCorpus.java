package dev.videoplatform.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The search benchmark's data, seeded and deterministic: videos whose titles, descriptions and
 * tags draw words from a Zipf distribution over {@code search/words.txt} (rank = line), channels
 * of Zipf sizes, log-normal durations, Pareto view counts and publish times over three years; and
 * the query mix drawn from the same vocabulary.
 */
final class SearchCorpus {

    /** One video as the catalog would announce it. */
    record Video(String id, String channelId, String title, String description, List<String> tags,
            Duration duration, Instant publishedAt, long views) {
    }

    private static final Instant EPOCH = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration HISTORY = Duration.ofDays(3 * 365);
    private static final int CHANNELS = 3000;
    /** Words titles and descriptions use between content words; the English stemmer drops them, exact matching keeps them. */
    private static final String[] FUNCTION_WORDS = {"the", "and", "of", "in", "for", "with", "to", "a", "on", "my", "your", "this"};

    private final List<String> words;
    private final Zipf wordRanks;
    private final Zipf tagRanks;
    private final Zipf channelRanks;
    private final List<String> channelIds;

    SearchCorpus() {
        this.words = vocabulary();
        this.wordRanks = new Zipf(words.size(), 1.0);
        this.tagRanks = new Zipf(Math.min(2000, words.size()), 1.1);
        this.channelRanks = new Zipf(CHANNELS, 1.0);
        SplittableRandom ids = new SplittableRandom(7);
        List<String> channels = new ArrayList<>(CHANNELS);
        for (int i = 0; i < CHANNELS; i++) {
            channels.add(uuid(ids));
        }
        this.channelIds = List.copyOf(channels);
    }

    /** {@code count} videos, the same ones for the same count on every run. */
    List<Video> videos(int count) {
        SplittableRandom random = new SplittableRandom(42);
        List<Video> videos = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            videos.add(video(random));
        }
        return videos;
    }

    /** A new title for an existing video (the freshness stream), {@code marker} as its last word. */
    String retitle(SplittableRandom random, String marker) {
        return text(random, 3 + random.nextInt(6), true) + " " + marker;
    }

    private Video video(SplittableRandom random) {
        String id = uuid(random);
        String channel = channelIds.get(channelRanks.rank(random.nextDouble()));
        String title = capitalised(text(random, 3 + random.nextInt(7), true));
        String description = text(random, 10 + random.nextInt(40), true);
        int tagCount = random.nextInt(7);
        List<String> tags = new ArrayList<>(tagCount);
        for (int t = 0; t < tagCount; t++) {
            String tag = words.get(tagRanks.rank(random.nextDouble()));
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        // Log-normal around 6 minutes, from 5 s to 4 h.
        long seconds = Math.round(Math.exp(Math.log(360) + 1.1 * random.nextGaussian()));
        Duration duration = Duration.ofSeconds(Math.max(5, Math.min(4 * 3600, seconds)));
        Instant published = EPOCH.minusSeconds((long) (random.nextDouble() * HISTORY.toSeconds()));
        // Pareto (alpha 1.1) from 10 views: most videos have tens, a few have millions.
        long views = Math.min(2_000_000_000L, (long) (10 / Math.pow(1 - random.nextDouble(), 1 / 1.1)));
        return new Video(id, channel, title, description, List.copyOf(tags), duration, published, views);
    }

    /** {@code count} words, Zipf-drawn, with function words between some of them when {@code prose}. */
    private String text(SplittableRandom random, int count, boolean prose) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < count; w++) {
            if (w > 0) {
                text.append(' ');
                if (prose && random.nextInt(4) == 0) {
                    text.append(FUNCTION_WORDS[random.nextInt(FUNCTION_WORDS.length)]).append(' ');
                }
            }
            text.append(words.get(wordRanks.rank(random.nextDouble())));
        }
        return text.toString();
    }

    /**
     * {@code count} Search queries: 1, 2 or 3 Zipf words (25, 20, 10 %), a quoted two-word phrase from a title
     * (10 %), a word with an {@code -exclusion} (10 %), a query with one typo in a word of five
     * letters or more (15 %), "how to" questions (10 %).
     */
    List<String> searchQueries(int count, List<Video> videos) {
        SplittableRandom random = new SplittableRandom(1234);
        List<String> queries = new ArrayList<>(count);
        while (queries.size() < count) {
            int kind = random.nextInt(100);
            if (kind < 55) {
                queries.add(text(random, kind < 25 ? 1 : kind < 45 ? 2 : 3, false));
            } else if (kind < 65) {
                String[] title = videos.get(random.nextInt(videos.size())).title().toLowerCase().split(" ");
                int at = random.nextInt(Math.max(1, title.length - 1));
                queries.add('"' + String.join(" ", Arrays.copyOfRange(title, at, Math.min(title.length, at + 2))) + '"');
            } else if (kind < 75) {
                queries.add(text(random, 1, false) + " -" + text(random, 1, false));
            } else if (kind < 90) {
                String word = longWord(random);
                queries.add(random.nextBoolean() ? typo(random, word) : text(random, 1, false) + " " + typo(random, word));
            } else {
                queries.add("how to " + text(random, 1 + random.nextInt(2), false));
            }
        }
        return queries;
    }

    /** {@code count} Autocomplete prefixes: the first 1–4 characters of a title or tag of a random video. */
    List<String> prefixes(int count, List<Video> videos) {
        SplittableRandom random = new SplittableRandom(5678);
        int[] lengths = {1, 2, 2, 3, 3, 3, 4, 4, 4, 4};
        List<String> prefixes = new ArrayList<>(count);
        while (prefixes.size() < count) {
            Video video = videos.get(random.nextInt(videos.size()));
            String phrase = video.tags().isEmpty() || random.nextBoolean() ? video.title()
                    : video.tags().get(random.nextInt(video.tags().size()));
            int length = Math.min(phrase.length(), lengths[random.nextInt(lengths.length)]);
            prefixes.add(phrase.substring(0, phrase.offsetByCodePoints(0, Math.min(length, phrase.codePointCount(0, phrase.length())))));
        }
        return prefixes;
    }

    private String longWord(SplittableRandom random) {
        while (true) {
            String word = words.get(wordRanks.rank(random.nextDouble()));
            if (word.length() >= 5) {
                return word;
            }
        }
    }

    /** One edit: a letter replaced, dropped, doubled, or two neighbours swapped (never the first letter). */
    private static String typo(SplittableRandom random, String word) {
        int at = 1 + random.nextInt(word.length() - 2);
        StringBuilder w = new StringBuilder(word);
        switch (random.nextInt(4)) {
            case 0 -> w.setCharAt(at, (char) ('a' + random.nextInt(26)));
            case 1 -> w.deleteCharAt(at);
            case 2 -> w.insert(at, w.charAt(at));
            default -> {
                char c = w.charAt(at);
                w.setCharAt(at, w.charAt(at + 1));
                w.setCharAt(at + 1, c);
            }
        }
        return w.toString();
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String uuid(SplittableRandom random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static List<String> vocabulary() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                SearchCorpus.class.getResourceAsStream("/search/words.txt")), StandardCharsets.UTF_8))) {
            return in.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
