package dev.videoplatform.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.platform.blob.BlobKeys;
import dev.videoplatform.platform.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a published HLS directory back with ffprobe and checks what players rely on. */
final class HlsOutput {

    private static final Pattern STREAM_INF = Pattern.compile(
            "#EXT-X-STREAM-INF:BANDWIDTH=(\\d+),AVERAGE-BANDWIDTH=(\\d+),RESOLUTION=(\\d+)x(\\d+),CODECS=\"([^\"]+)\"\\n([^\\n]+)");

    /** One entry of the master playlist. */
    record Variant(long bandwidth, int width, int height, String codecs, String uri) {
    }

    private final Path root;

    HlsOutput(Path root) {
        this.root = root;
    }

    /** Copies every object of a video's published ladder into {@code into}, for ffprobe. */
    static Path download(BlobStore blobs, String videoId, Path into) throws IOException {
        String prefix = BlobKeys.ladder(videoId);
        for (String key : blobs.list(prefix)) {
            Path file = into.resolve(key.substring(prefix.length()));
            Files.createDirectories(file.getParent());
            try (SeekableByteChannel channel = blobs.open(key); InputStream in = Channels.newInputStream(channel)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return into;
    }

    /** Variants of the master playlist, in order. */
    List<Variant> master() throws IOException {
        String master = Files.readString(root.resolve("master.m3u8"));
        assertTrue(master.startsWith("#EXTM3U\n"), master);
        List<Variant> variants = new ArrayList<>();
        Matcher m = STREAM_INF.matcher(master);
        while (m.find()) {
            variants.add(new Variant(Long.parseLong(m.group(1)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                    m.group(5), m.group(6)));
        }
        assertFalse(variants.isEmpty(), master);
        return variants;
    }

    /**
     * Checks every rendition: ffprobe decodes its playlist at the advertised size; segments list
     * the same durations across renditions; each segment starts with a keyframe at the same
     * time in every rendition; the media playlist is a finished VOD whose segments all exist.
     */
    void assertPlayableAndAligned(boolean audio) throws Exception {
        Map<String, List<String>> starts = new LinkedHashMap<>();
        Map<String, List<String>> durations = new LinkedHashMap<>();
        for (Variant variant : master()) {
            Path playlist = root.resolve(variant.uri());
            List<String> lines = Files.readAllLines(playlist);
            assertTrue(lines.contains("#EXT-X-ENDLIST") && lines.contains("#EXT-X-PLAYLIST-TYPE:VOD"), lines.toString());
            String size = ffprobe("-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0",
                    playlist.toString()).lines().findFirst().orElse("");
            assertEquals(variant.width() + "," + variant.height(), size, variant.uri());
            String streams = ffprobe("-show_entries", "stream=codec_name", "-of", "csv=p=0", playlist.toString());
            assertTrue(streams.contains("h264"), streams);
            assertEquals(audio, streams.contains("aac"), streams);
            assertEquals(audio, variant.codecs().contains("mp4a.40.2"), variant.codecs());
            assertTrue(variant.codecs().startsWith("avc1.64"), variant.codecs());
            List<String> segmentStarts = new ArrayList<>();
            List<String> extinf = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("#EXTINF:")) {
                    extinf.add(line);
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    Path segment = playlist.resolveSibling(line);
                    assertTrue(Files.isRegularFile(segment), "manifest points at a missing segment " + segment);
                    String first = ffprobe("-select_streams", "v:0", "-show_entries", "packet=pts_time,flags",
                            "-read_intervals", "%+#1", "-of", "csv=p=0", segment.toString()).strip();
                    assertTrue(first.endsWith(",K__") || first.contains(",K"), "segment " + segment + " starts with " + first);
                    segmentStarts.add(first.substring(0, first.indexOf(',')));
                }
            }
            starts.put(variant.uri(), segmentStarts);
            durations.put(variant.uri(), extinf);
        }
        assertEquals(1, starts.values().stream().distinct().count(), "keyframes not aligned: " + starts);
        assertEquals(1, durations.values().stream().distinct().count(), "segment durations differ: " + durations);
    }

    static String ffprobe(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        cmd.addAll(List.of(args));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
