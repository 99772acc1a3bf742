package dev.videoplatform.streaming.grpc;

import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.streaming.service.PlaybackInfo;
import dev.videoplatform.streaming.v1.GetPlaybackInfoRequest;
import dev.videoplatform.streaming.v1.GetPlaybackInfoResponse;
import dev.videoplatform.streaming.v1.StreamingService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.util.regex.Pattern;

/** gRPC face of playback: where a caller may play a video from. */
@GrpcService
public class StreamingGrpcEndpoint implements StreamingService {

    private static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final PlaybackInfo playback;

    public StreamingGrpcEndpoint(PlaybackInfo playback) {
        this.playback = playback;
    }

    @Override
    public Uni<GetPlaybackInfoResponse> getPlaybackInfo(GetPlaybackInfoRequest request) {
        Violations violations = new Violations().requireNonBlank(request.getVideoId(), "video_id");
        if (!request.getVideoId().isEmpty()) {
            violations.check(!VIDEO_ID.matcher(request.getVideoId()).matches(), "video_id",
                    "must be 1–64 letters, digits or dashes");
        }
        try {
            violations.throwIfAny();
        } catch (DomainException e) {
            return Uni.createFrom().failure(e);
        }
        return playback.forCaller(request.getVideoId(), Caller.current());
    }
}
