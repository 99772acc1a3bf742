package dev.videoplatform.recommendation.repository;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The videos that may be recommended, kept from catalog events: a hash per video (channel, card
 * metadata, visibility, status, ban, deletion), and for the eligible ones (PUBLIC, READY, not
 * banned, not deleted) a set, a per-channel and per-tag index by publish time. Every change is one
 * Lua script that lets the later change win (by event time), so events arriving twice or out of
 * order end in the same state.
 */
@ApplicationScoped
public class CandidatePool {

    static final String VIDEO = "vp:reco:video:";
    static final String ELIGIBLE = "vp:reco:eligible";
    static final String CHANNEL = "vp:reco:channel:";
    static final String TAG = "vp:reco:tag:";
    private static final String SEPARATOR = "\u001f";

    /*
     * KEYS: the video's hash, the eligible set. ARGV: kind (meta|ban|unban|delete), event time ms,
     * video id, channel/tag prefixes, then for meta: channel, title, poster, duration ms,
     * publish ms, visibility, status, tags (joined by \u001f).
     */
    private static final String APPLY = """
            local kind, at, id = ARGV[1], tonumber(ARGV[2]), ARGV[3]
            local h = KEYS[1]
            local oldChannel = redis.call('HGET', h, 'channel')
            local oldTags = redis.call('HGET', h, 'tags')
            if kind == 'meta' then
              local seen = tonumber(redis.call('HGET', h, 'metaAt') or '-1')
              if at >= seen then
                redis.call('HSET', h, 'metaAt', at, 'channel', ARGV[6], 'title', ARGV[7], 'poster', ARGV[8],
                  'durationMs', ARGV[9], 'publishMs', ARGV[10], 'visibility', ARGV[11], 'status', ARGV[12], 'tags', ARGV[13])
              end
            elseif kind == 'ban' or kind == 'unban' then
              local seen = tonumber(redis.call('HGET', h, 'banAt') or '-1')
              if at >= seen then redis.call('HSET', h, 'banAt', at, 'banned', kind == 'ban' and '1' or '0') end
            else
              redis.call('HSET', h, 'deleted', '1')
            end
            local v = redis.call('HMGET', h, 'channel', 'visibility', 'status', 'banned', 'deleted', 'publishMs', 'tags')
            local eligible = v[1] and v[2] == '1' and v[3] == '3' and v[4] ~= '1' and v[5] ~= '1'
            if oldChannel and (oldChannel ~= v[1] or not eligible) then redis.call('ZREM', ARGV[4] .. oldChannel, id) end
            if oldTags and oldTags ~= '' then
              for tag in string.gmatch(oldTags, '[^\\31]+') do redis.call('ZREM', ARGV[5] .. tag, id) end
            end
            if eligible then
              redis.call('SADD', KEYS[2], id)
              redis.call('ZADD', ARGV[4] .. v[1], tonumber(v[6]), id)
              if v[7] and v[7] ~= '' then
                for tag in string.gmatch(v[7], '[^\\31]+') do redis.call('ZADD', ARGV[5] .. tag, tonumber(v[6]), id) end
              end
            else
              redis.call('SREM', KEYS[2], id)
            end
            return eligible and 1 or 0
            """;

    /*
     * KEYS: the videos' hashes, then the eligible set. ARGV: the video ids. Per video its card
     * fields, or an empty list when it is not eligible.
     */
    private static final String CARDS = """
            local eligible, out = KEYS[#KEYS], {}
            for i = 1, #KEYS - 1 do
              if redis.call('SISMEMBER', eligible, ARGV[i]) == 1 then
                out[i] = redis.call('HMGET', KEYS[i], 'channel', 'title', 'poster', 'durationMs', 'publishMs', 'tags')
              else
                out[i] = {}
              end
            end
            return out
            """;

    /** What a feed card needs and where the video belongs, as the catalog events last described it. */
    public record Candidate(String videoId, String channelId, String title, String posterUrl, long durationMillis,
            long publishMillis, List<String> tags) {
    }

    /** Catalog metadata of one video from an event. */
    public record Metadata(String channelId, String title, String posterUrl, long durationMillis, long publishMillis,
            int visibility, int status, List<String> tags) {
    }

    private final ReactiveRedisDataSource redis;

    public CandidatePool(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** The video's metadata changed at {@code at} (published, updated). */
    public Uni<Void> describe(String videoId, Instant at, Metadata metadata) {
        return apply("meta", videoId, at, metadata.channelId(), metadata.title(), metadata.posterUrl(),
                Long.toString(metadata.durationMillis()), Long.toString(metadata.publishMillis()),
                Integer.toString(metadata.visibility()), Integer.toString(metadata.status()),
                String.join(SEPARATOR, metadata.tags().stream().map(CandidatePool::tagKey).toList()));
    }

    /** Banned ({@code true}) or un-banned at {@code at}. */
    public Uni<Void> banned(String videoId, Instant at, boolean banned) {
        return apply(banned ? "ban" : "unban", videoId, at);
    }

    /** Deleted: never eligible again. */
    public Uni<Void> deleted(String videoId, Instant at) {
        return apply("delete", videoId, at);
    }

    private Uni<Void> apply(String kind, String videoId, Instant at, String... metadata) {
        List<String> args = new ArrayList<>(List.of("EVAL", APPLY, "2", VIDEO + videoId, ELIGIBLE, kind,
                Long.toString(at.toEpochMilli()), videoId, CHANNEL, TAG));
        args.addAll(Arrays.asList(metadata));
        return redis.execute(args.get(0), args.subList(1, args.size()).toArray(String[]::new)).replaceWithVoid();
    }

    /** Which of {@code videoIds} are eligible, in the given order. */
    public Uni<List<String>> eligible(List<String> videoIds) {
        if (videoIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> args = new ArrayList<>();
        args.add(ELIGIBLE);
        args.addAll(videoIds);
        return redis.execute("SMISMEMBER", args.toArray(String[]::new)).map(flags -> {
            List<String> found = new ArrayList<>();
            for (int i = 0; i < videoIds.size(); i++) {
                if (flags.get(i).toInteger() == 1) {
                    found.add(videoIds.get(i));
                }
            }
            return found;
        });
    }

    /** The eligible videos' card metadata (ineligible or unknown ids are left out): one round trip. */
    public Uni<Map<String, Candidate>> candidates(List<String> videoIds) {
        if (videoIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> args = new ArrayList<>(List.of("EVAL", CARDS, Integer.toString(videoIds.size() + 1)));
        videoIds.forEach(id -> args.add(VIDEO + id));
        args.add(ELIGIBLE);
        args.addAll(videoIds);
        return redis.execute(args.get(0), args.subList(1, args.size()).toArray(String[]::new)).map(rows -> {
            Map<String, Candidate> found = new HashMap<>();
            for (int i = 0; i < videoIds.size(); i++) {
                Response row = rows.get(i);
                if (row == null || row.size() < 6) {
                    continue;
                }
                String tags = text(row.get(5));
                found.put(videoIds.get(i), new Candidate(videoIds.get(i), text(row.get(0)), text(row.get(1)),
                        text(row.get(2)), Long.parseLong(text(row.get(3), "0")), Long.parseLong(text(row.get(4), "0")),
                        tags.isEmpty() ? List.of() : List.of(tags.split(SEPARATOR))));
            }
            return found;
        });
    }

    /** Where a video belongs (its channel and tags), eligible or not; empty when never seen. */
    public Uni<java.util.Optional<Candidate>> placement(String videoId) {
        return redis.execute("HMGET", VIDEO + videoId, "channel", "tags").map(row -> {
            if (row.get(0) == null) {
                return java.util.Optional.<Candidate>empty();
            }
            String tags = text(row.get(1));
            return java.util.Optional.of(new Candidate(videoId, text(row.get(0)), "", "", 0, 0,
                    tags.isEmpty() ? List.of() : List.of(tags.split(SEPARATOR))));
        });
    }

    /** A channel's eligible videos published since {@code since}, newest first, with their publish times. */
    public Uni<Map<String, Double>> channelUploads(String channelId, Instant since, int limit) {
        return newest(CHANNEL + channelId, since.toEpochMilli(), limit);
    }

    /** Eligible videos carrying {@code tag}, newest first. */
    public Uni<Map<String, Double>> taggedWith(String tag, int limit) {
        return newest(TAG + tagKey(tag), 0, limit);
    }

    private Uni<Map<String, Double>> newest(String key, long sinceMillis, int limit) {
        return redis.execute("ZREVRANGEBYSCORE", key, "+inf", Long.toString(sinceMillis), "WITHSCORES", "LIMIT", "0",
                Integer.toString(limit)).map(CoVisitationStore::withScores);
    }

    /** Tags match case-insensitively. */
    private static String tagKey(String tag) {
        return tag.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static String text(Response value) {
        return text(value, "");
    }

    private static String text(Response value, String absent) {
        return value == null ? absent : value.toString();
    }
}
