package dev.videoplatform.analytics.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sketch's accuracy over many independent viewer sets. The keys come from seeded generators,
 * so every run sees the same sets and the same estimates.
 */
class ViewerSketchTest {

    private static final int SETS = 200;

    @Test
    void emptyAndRepeatedViewersAreCountedExactly() {
        byte[] sketch = ViewerSketch.empty();
        assertEquals(0, ViewerSketch.estimate(sketch));
        assertTrue(ViewerSketch.add(sketch, "v1|s:one"));
        assertFalse(ViewerSketch.add(sketch, "v1|s:one"), "a viewer seen before changes nothing");
        assertEquals(1, ViewerSketch.estimate(sketch));
    }

    @Test
    void smallAudiencesAreWithinLinearCountingError() {
        // Linear counting at n = 300 over 2,048 registers: σ = √(m(e^t − t − 1)) / n with t = n/m, about 1.6 %.
        assertErrors(300, 0.016);
    }

    @Test
    void largeAudiencesAreWithinTheHyperLogLogError() {
        // 1.04 / √2048 = 2.3 %.
        assertErrors(50_000, 0.023);
    }

    /** Over {@link #SETS} sets of {@code viewers}: the root-mean-square error is about σ and no set is off by 4σ. */
    private static void assertErrors(int viewers, double sigma) {
        SplittableRandom seeds = new SplittableRandom(viewers);
        double squares = 0;
        double worst = 0;
        for (int set = 0; set < SETS; set++) {
            SplittableRandom random = seeds.split();
            String video = new UUID(random.nextLong(), random.nextLong()).toString();
            byte[] sketch = ViewerSketch.empty();
            for (int i = 0; i < viewers; i++) {
                ViewerSketch.add(sketch, video + "|s:" + new UUID(random.nextLong(), random.nextLong()));
            }
            double error = (ViewerSketch.estimate(sketch) - viewers) / (double) viewers;
            squares += error * error;
            worst = Math.max(worst, Math.abs(error));
        }
        double rms = Math.sqrt(squares / SETS);
        assertTrue(rms <= 1.25 * sigma, "root-mean-square error " + rms + " for σ " + sigma);
        assertTrue(worst <= 4 * sigma, "worst error " + worst + " for σ " + sigma);
    }
}
