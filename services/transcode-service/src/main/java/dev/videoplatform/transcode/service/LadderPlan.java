package dev.videoplatform.transcode.service;

import dev.videoplatform.events.v1.RenditionSpec;
import dev.videoplatform.transcode.ffmpeg.LadderRung;
import dev.videoplatform.transcode.ffmpeg.MediaInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which of the requested rungs a source gets, and at what exact size. A rung's height names the
 * short side ("720p" is 1280×720 landscape, 720×1280 portrait); rungs taller than the source are
 * dropped (no upscaling), but a source smaller than every rung still gets the lowest one at its
 * own size. Sizes keep the source's aspect ratio and are rounded to even numbers (H.264 4:2:0).
 */
public final class LadderPlan {

    private LadderPlan() {
    }

    public static List<LadderRung> plan(MediaInfo source, List<RenditionSpec> requested) {
        if (requested.isEmpty()) {
            throw TranscodeFailure.badInput("no renditions were requested");
        }
        List<RenditionSpec> ladder = requested.stream().sorted(Comparator.comparingInt(RenditionSpec::getHeight)).toList();
        List<LadderRung> rungs = new ArrayList<>();
        for (RenditionSpec spec : ladder) {
            if (spec.getHeight() <= source.shortSide()) {
                rungs.add(rung(spec, spec.getHeight(), source));
            }
        }
        if (rungs.isEmpty()) {
            rungs.add(rung(ladder.get(0), source.shortSide(), source));
        }
        return rungs;
    }

    private static LadderRung rung(RenditionSpec spec, int shortSide, MediaInfo source) {
        int shortOut = even(shortSide);
        int longOut = even((double) Math.max(source.width(), source.height()) * shortSide / source.shortSide());
        int width = source.portrait() ? shortOut : longOut;
        int height = source.portrait() ? longOut : shortOut;
        return new LadderRung(spec.getName(), width, height, spec.getVideoBitrateBps(), spec.getAudioBitrateBps());
    }

    private static int even(double size) {
        return Math.max(2, 2 * (int) Math.round(size / 2));
    }
}
