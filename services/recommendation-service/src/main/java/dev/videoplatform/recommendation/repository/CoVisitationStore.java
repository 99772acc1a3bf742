package dev.videoplatform.recommendation.repository;

import dev.videoplatform.recommendation.config.RecommendationConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Co-visitation counts in Redis (Davidson et al., RecSys 2010): per viewer a history sorted set
 * (video → last view time), per video a sorted set of neighbours (video → decayed co-visit weight)
 * trimmed to K, and one hash of decayed visit weights (popularity). One view is applied by one Lua
 * script, so it is atomic and remembered by view id: a redelivered view changes nothing.
 */
@ApplicationScoped
public class CoVisitationStore {

    static final String SEEN = "vp:reco:seen:";
    static final String HISTORY = "vp:reco:hist:";
    static final String NEIGHBOURS = "vp:reco:co:";
    static final String POPULARITY = "vp:reco:pop";

    /*
     * KEYS: seen marker, viewer history, popularity hash.
     * ARGV: video, time ms, window ms, weight, K, marker ttl s, history size, history ttl ms, neighbour prefix.
     * A view of a video already in the history within the window is the same visit (playback
     * reports come every few seconds): it only moves the visit's time.
     */
    private static final String RECORD = """
            if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[6]) then return 0 end
            local video, t, window, w, k = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])
            local previous = redis.call('ZSCORE', KEYS[2], video)
            if previous and math.abs(t - tonumber(previous)) <= window then
              if t > tonumber(previous) then redis.call('ZADD', KEYS[2], t, video) end
              return 1
            end
            local others = redis.call('ZRANGEBYSCORE', KEYS[2], t - window, t + window)
            redis.call('HINCRBYFLOAT', KEYS[3], video, w)
            for _, other in ipairs(others) do
              if other ~= video then
                redis.call('ZINCRBY', ARGV[9] .. video, w, other)
                redis.call('ZINCRBY', ARGV[9] .. other, w, video)
                redis.call('ZREMRANGEBYRANK', ARGV[9] .. other, 0, -k - 1)
              end
            end
            redis.call('ZREMRANGEBYRANK', ARGV[9] .. video, 0, -k - 1)
            redis.call('ZADD', KEYS[2], t, video)
            redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -tonumber(ARGV[7]) - 1)
            redis.call('PEXPIRE', KEYS[2], ARGV[8])
            return 1
            """;

    /** A neighbour with its raw (decayed) co-visit weight and the two videos' popularity. */
    public record Neighbour(String videoId, double coVisits, double popularity) {
    }

    private final ReactiveRedisDataSource redis;
    private final RecommendationConfig.CoVisitation config;

    public CoVisitationStore(ReactiveRedisDataSource redis, RecommendationConfig config) {
        this.redis = redis;
        this.config = config.coVisitation();
    }

    /** Applies one view once per {@code viewId}; true if it was new. */
    public Uni<Boolean> record(String viewId, String viewerId, String videoId, Instant at) {
        double weight = Math.pow(2, (at.toEpochMilli() - config.landmark().toEpochMilli())
                / (double) config.halfLife().toMillis());
        return redis.execute("EVAL", RECORD, "3", SEEN + viewId, HISTORY + viewerId, POPULARITY,
                videoId, Long.toString(at.toEpochMilli()), Long.toString(config.sessionWindow().toMillis()),
                Double.toString(weight), Integer.toString(config.neighbours()),
                Long.toString(config.processedTtl().toSeconds()), Integer.toString(config.historySize()),
                Long.toString(config.historyTtl().toMillis()), NEIGHBOURS)
                .map(result -> result.toInteger() == 1);
    }

    /** The viewer's watched videos, most recent first (at most {@code limit}). */
    public Uni<List<String>> history(String viewerId, int limit) {
        return redis.execute("ZREVRANGE", HISTORY + viewerId, "0", Integer.toString(limit - 1))
                .map(CoVisitationStore::strings);
    }

    /** Every video the viewer watched recently (what the feed leaves out). */
    public Uni<List<String>> watched(String viewerId) {
        return history(viewerId, config.historySize());
    }

    /** The video's own popularity and its neighbours (heaviest co-visits first) with theirs. */
    public Uni<Map.Entry<Double, List<Neighbour>>> neighbours(String videoId) {
        return redis.execute("ZREVRANGE", NEIGHBOURS + videoId, "0", Integer.toString(config.neighbours() - 1), "WITHSCORES")
                .flatMap(response -> {
                    Map<String, Double> coVisits = withScores(response);
                    List<String> args = new ArrayList<>();
                    args.add(POPULARITY);
                    args.add(videoId);
                    args.addAll(coVisits.keySet());
                    return redis.execute("HMGET", args.toArray(String[]::new)).map(popularity -> {
                        List<Neighbour> neighbours = new ArrayList<>(coVisits.size());
                        int i = 1;
                        for (Map.Entry<String, Double> entry : coVisits.entrySet()) {
                            neighbours.add(new Neighbour(entry.getKey(), entry.getValue(), number(popularity.get(i++))));
                        }
                        return Map.entry(number(popularity.get(0)), neighbours);
                    });
                });
    }

    private static double number(Response value) {
        return value == null ? 0 : Double.parseDouble(value.toString());
    }

    /**
     * A WITHSCORES reply as member → score, in reply order: RESP3 answers [member, score] pairs,
     * RESP2 a flat list.
     */
    static Map<String, Double> withScores(Response response) {
        Map<String, Double> scores = new LinkedHashMap<>();
        int i = 0;
        while (i < response.size()) {
            Response item = response.get(i);
            if (item.type() == ResponseType.MULTI) {
                scores.put(item.get(0).toString(), item.get(1).toDouble());
                i++;
            } else {
                scores.put(item.toString(), response.get(i + 1).toDouble());
                i += 2;
            }
        }
        return scores;
    }

    static List<String> strings(Response response) {
        List<String> values = new ArrayList<>(response.size());
        for (Response item : response) {
            values.add(item.toString());
        }
        return values;
    }
}
