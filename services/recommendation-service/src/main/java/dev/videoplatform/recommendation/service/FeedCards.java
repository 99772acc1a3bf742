package dev.videoplatform.recommendation.service;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import dev.videoplatform.recommendation.client.VideoCatalogClient;
import dev.videoplatform.recommendation.repository.CandidatePool;
import dev.videoplatform.recommendation.v1.FeedItem;
import dev.videoplatform.recommendation.v1.VideoSummary;
import dev.videoplatform.upload.v1.Video;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranked ids into feed cards: metadata from upload-service, which also has the last word on
 * visibility (a video it does not return is left out). When upload cannot answer, the candidate
 * pool's copy from catalog events fills the cards and the answer is degraded.
 */
@ApplicationScoped
public class FeedCards {

    /** The cards, in ranking order, and whether they came from the fallback copy. */
    public record Cards(List<FeedItem> items, boolean degraded) {
    }

    private final VideoCatalogClient catalog;
    private final CandidatePool pool;

    public FeedCards(VideoCatalogClient catalog, CandidatePool pool) {
        this.catalog = catalog;
        this.pool = pool;
    }

    public Uni<Cards> cards(List<Scored> ranked) {
        List<String> ids = ranked.stream().map(Scored::videoId).toList();
        return catalog.hydrate(ids).flatMap(hydrated -> {
            if (hydrated.answered()) {
                List<FeedItem> items = new ArrayList<>(ranked.size());
                for (Scored scored : ranked) {
                    Video video = hydrated.videos().get(scored.videoId());
                    if (video != null) {
                        items.add(item(scored, VideoSummary.newBuilder().setVideoId(video.getVideoId())
                                .setChannelId(video.getChannelId()).setTitle(video.getTitle()).setPosterUrl(video.getPosterUrl())
                                .setDuration(video.getDuration()).setPublishTime(video.getPublishTime()).build()));
                    }
                }
                return Uni.createFrom().item(new Cards(items, false));
            }
            return pool.candidates(ids).map(known -> {
                List<FeedItem> items = new ArrayList<>(ranked.size());
                for (Scored scored : ranked) {
                    CandidatePool.Candidate video = known.get(scored.videoId());
                    if (video != null) {
                        items.add(item(scored, VideoSummary.newBuilder().setVideoId(video.videoId())
                                .setChannelId(video.channelId()).setTitle(video.title()).setPosterUrl(video.posterUrl())
                                .setDuration(Durations.fromMillis(video.durationMillis()))
                                .setPublishTime(Timestamps.fromMillis(video.publishMillis())).build()));
                    }
                }
                return new Cards(items, true);
            });
        });
    }

    private static FeedItem item(Scored scored, VideoSummary video) {
        return FeedItem.newBuilder().setVideo(video).setReason(scored.reason()).setScore(scored.score()).build();
    }
}
