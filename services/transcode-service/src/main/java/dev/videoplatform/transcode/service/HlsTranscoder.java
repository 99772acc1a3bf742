package dev.videoplatform.transcode.service;

import dev.videoplatform.events.v1.RenditionOutput;
import dev.videoplatform.events.v1.VideoTranscodeRequested;
import dev.videoplatform.events.v1.VideoTranscoded;
import dev.videoplatform.platform.blob.BlobKeys;
import dev.videoplatform.platform.blob.BlobStore;
import dev.videoplatform.transcode.config.TranscodeConfig;
import dev.videoplatform.transcode.ffmpeg.ConfinedInput;
import dev.videoplatform.transcode.ffmpeg.FfmpegProgress;
import dev.videoplatform.transcode.ffmpeg.FfmpegTools;
import dev.videoplatform.transcode.ffmpeg.HlsCommand;
import dev.videoplatform.transcode.ffmpeg.LadderRung;
import dev.videoplatform.transcode.ffmpeg.MediaInfo;
import dev.videoplatform.transcode.ffmpeg.MediaProbe;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * Turns one raw upload into a published HLS ladder: link the upload into the job's scratch
 * directory, probe it as an accepted container only ({@link ConfinedInput}), refuse it if beyond
 * {@link SourceLimits}, encode every rung in one ffmpeg run within a budget scaled to its length,
 * take a poster, measure the renditions, write the master playlist, then publish the whole
 * directory under the job's prefix in one step. Work happens in a scratch directory named after
 * the job, cleared before and after, so a job killed half-way leaves nothing readers can see and
 * is redone cleanly. The result event is stored next to the output ({@link BlobKeys#DONE_MARKER}), which is
 * how a redelivered job that already finished is recognised.
 */
@ApplicationScoped
public class HlsTranscoder {

    private static final Duration POSTER_TIMEOUT = Duration.ofMinutes(2);

    private final BlobStore blobs;
    private final FfmpegTools tools;
    private final MediaProbe probe;
    private final ConfinedInput confined;
    private final SourceLimits limits;
    private final TranscodeConfig config;

    public HlsTranscoder(BlobStore blobs, FfmpegTools tools, MediaProbe probe, ConfinedInput confined, SourceLimits limits,
            TranscodeConfig config) {
        this.blobs = blobs;
        this.tools = tools;
        this.probe = probe;
        this.confined = confined;
        this.limits = limits;
        this.config = config;
    }

    /** The stored result of this very job, if its output is already published. */
    public Optional<VideoTranscoded> finished(VideoTranscodeRequested job) throws IOException {
        String key = job.getHlsPrefix() + BlobKeys.DONE_MARKER;
        if (blobs.stat(key).isEmpty()) {
            return Optional.empty();
        }
        try (SeekableByteChannel channel = blobs.open(key); InputStream in = Channels.newInputStream(channel)) {
            VideoTranscoded done = VideoTranscoded.parseFrom(in);
            return done.getJobId().equals(job.getJobId()) ? Optional.of(done) : Optional.empty();
        }
    }

    @WithSpan("transcode to HLS")
    public VideoTranscoded transcode(VideoTranscodeRequested job, IntConsumer progressPercent) {
        Path work = null;
        try {
            work = blobs.scratchDirectory().resolve("transcode-" + job.getJobId());
            deleteTree(work);
            Files.createDirectories(work);
            Path input = source(job.getRawBlobKey(), work);
            MediaInfo media = probe.probe(input);
            limits.check(media);
            List<LadderRung> rungs = LadderPlan.plan(media, job.getRenditionsList());
            Path out = Files.createDirectories(work.resolve("out"));
            FfmpegProgress progress = new FfmpegProgress(media.durationSeconds(), progressPercent);
            List<String> decoding = confined.decoding(input, media);
            tools.run(HlsCommand.ladder(tools.ffmpeg(), decoding, out, rungs, media.hasAudio(), config.segmentSeconds(),
                    config.x264Preset()), work.resolve("ffmpeg.log"), progress::accept, limits.encodingBudget(media),
                    "transcoding");
            LadderRung top = rungs.get(rungs.size() - 1);
            tools.run(HlsCommand.poster(tools.ffmpeg(), decoding, out.resolve(BlobKeys.POSTER), top,
                    Math.min(1.0, media.durationSeconds() / 3)), work.resolve("poster.log"), line -> { }, POSTER_TIMEOUT,
                    "taking the poster frame");
            VideoTranscoded result = describe(job, media, rungs, out);
            Files.write(out.resolve(BlobKeys.DONE_MARKER), result.toByteArray());
            blobs.publishDirectory(out, job.getHlsPrefix(), BlobKeys.publishedLast());
            return result;
        } catch (IOException e) {
            throw TranscodeFailure.transientFailure("storage error (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            deleteTree(work);
        }
    }

    /** Measures each rendition, writes the master playlist and builds the result event. */
    private VideoTranscoded describe(VideoTranscodeRequested job, MediaInfo media, List<LadderRung> rungs, Path out)
            throws IOException {
        List<MasterPlaylist.Variant> variants = new ArrayList<>();
        List<RenditionOutput> outputs = new ArrayList<>();
        for (LadderRung rung : rungs) {
            String path = BlobKeys.mediaPlaylist(rung.name());
            Path playlist = out.resolve(path);
            MasterPlaylist.Bandwidth bandwidth = MasterPlaylist.measure(playlist);
            String codecs = probe.avcCodec(firstSegment(playlist.getParent())) + (media.hasAudio() ? ",mp4a.40.2" : "");
            variants.add(new MasterPlaylist.Variant(rung.name(), rung.width(), rung.height(), bandwidth.peakBps(),
                    bandwidth.averageBps(), codecs, path));
            outputs.add(RenditionOutput.newBuilder().setName(rung.name()).setWidth(rung.width()).setHeight(rung.height())
                    .setBandwidthBps(bandwidth.peakBps()).setCodecs(codecs).setPlaylistKey(job.getHlsPrefix() + path).build());
        }
        Files.writeString(out.resolve(BlobKeys.MASTER_PLAYLIST), MasterPlaylist.render(variants));
        return VideoTranscoded.newBuilder().setVideoId(job.getVideoId()).setJobId(job.getJobId())
                .setAttempt(job.getAttempt()).addAllRenditions(outputs)
                .setDuration(duration(media.durationSeconds()))
                .setPosterKey(job.getHlsPrefix() + BlobKeys.POSTER).setHlsPrefix(job.getHlsPrefix())
                .setMasterPlaylistKey(job.getHlsPrefix() + BlobKeys.MASTER_PLAYLIST).build();
    }

    private static com.google.protobuf.Duration duration(double seconds) {
        long nanos = Math.round(seconds * 1e9);
        return com.google.protobuf.Duration.newBuilder().setSeconds(nanos / 1_000_000_000).setNanos((int) (nanos % 1_000_000_000))
                .build();
    }

    /**
     * The raw file inside the job's own scratch directory: a hard link to the blob on a
     * filesystem store (a copy where linking fails or the store is not local), so that nothing
     * ffmpeg reads sits beside other users' blobs.
     */
    private Path source(String rawKey, Path work) throws IOException {
        if (blobs.stat(rawKey).isEmpty()) {
            throw TranscodeFailure.badInput("the uploaded file no longer exists");
        }
        Path input = work.resolve("input");
        Optional<Path> local = blobs.localFile(rawKey);
        if (local.isPresent()) {
            try {
                return Files.createLink(input, local.get());
            } catch (IOException | UnsupportedOperationException e) {
                // another volume or no hard links: copy below
            }
        }
        try (SeekableByteChannel channel = blobs.open(rawKey); InputStream in = Channels.newInputStream(channel)) {
            Files.copy(in, input, StandardCopyOption.REPLACE_EXISTING);
        }
        return input;
    }

    private static Path firstSegment(Path renditionDirectory) throws IOException {
        try (Stream<Path> files = Files.list(renditionDirectory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ts")).min(Comparator.naturalOrder())
                    .orElseThrow(() -> TranscodeFailure.badInput("the encoder produced no segments"));
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // scratch space: a leftover is cleared when the same job runs again
        }
    }
}
