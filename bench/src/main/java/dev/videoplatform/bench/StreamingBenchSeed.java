package dev.videoplatform.bench;

import dev.videoplatform.upload.v1.Rendition;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Prepares the streaming benchmark: a READY PUBLIC video's HLS files in the blob root (a 1 MiB
 * and a 4 MiB segment, playlists) and its playback metadata in Redis exactly as streaming-service caches it
 * after asking upload-service, so the run measures delivery alone.
 * Arguments: blob-root redis-host redis-port video-id.
 */
public final class StreamingBenchSeed {

    private StreamingBenchSeed() {
    }

    public static void main(String[] args) throws IOException {
        Path hls = Files.createDirectories(Path.of(args[0], "hls", args[3], "240p"));
        Random random = new Random(42);
        int[] sizes = {1 << 20, 4 << 20};
        StringBuilder index = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n");
        for (int i = 0; i < sizes.length; i++) {
            byte[] segment = new byte[sizes[i]];
            random.nextBytes(segment);
            String name = String.format("seg_%05d.ts", i);
            Files.write(hls.resolve(name), segment);
            index.append("#EXTINF:4.000000,\n").append(name).append('\n');
        }
        Files.writeString(hls.resolve("index.m3u8"), index.append("#EXT-X-ENDLIST\n").toString());
        Files.writeString(hls.getParent().resolve("master.m3u8"), "#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=2200000,AVERAGE-BANDWIDTH=2000000,RESOLUTION=426x240,"
                + "CODECS=\"avc1.64001e,mp4a.40.2\"\n240p/index.m3u8\n");
        byte[] video = Video.newBuilder().setVideoId(args[3]).setChannelId("bench").setTitle("bench")
                .setVisibility(Visibility.VISIBILITY_PUBLIC).setStatus(VideoStatus.VIDEO_STATUS_READY)
                .addRenditions(Rendition.newBuilder().setName("240p").setWidth(426).setHeight(240)
                        .setBandwidthBps(2_200_000).setCodecs("avc1.64001e,mp4a.40.2"))
                .build().toByteArray();
        try (Socket redis = new Socket(args[1], Integer.parseInt(args[2]))) {
            OutputStream out = redis.getOutputStream();
            for (String prefix : new String[] {"vp:stream:video:", "vp:stream:last:"}) {
                out.write(command("SET".getBytes(StandardCharsets.UTF_8), (prefix + args[3]).getBytes(StandardCharsets.UTF_8),
                        video, "PX".getBytes(StandardCharsets.UTF_8), "3600000".getBytes(StandardCharsets.UTF_8)));
            }
            out.flush();
            byte[] reply = new byte[10];
            if (redis.getInputStream().read(reply) <= 0 || reply[0] != '+') {
                throw new IOException("redis refused the seed: " + new String(reply, StandardCharsets.UTF_8));
            }
        }
    }

    /** A RESP array of bulk strings (binary-safe). */
    private static byte[] command(byte[]... parts) throws IOException {
        ByteArrayOutputStream resp = new ByteArrayOutputStream();
        resp.write(("*" + parts.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] part : parts) {
            resp.write(("$" + part.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            resp.write(part);
            resp.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return resp.toByteArray();
    }
}
