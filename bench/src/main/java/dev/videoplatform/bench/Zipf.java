package dev.videoplatform.bench;

import java.util.Arrays;

/** Ranks 0..n-1 with P(k) proportional to 1 / (k + 1)^s, by inverse CDF (0 is the most frequent). */
final class Zipf {

    private final double[] cumulative;

    Zipf(int n, double s) {
        cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, s);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
    }

    /** The rank a uniform draw {@code u} in [0, 1) falls on. */
    int rank(double u) {
        int i = Arrays.binarySearch(cumulative, u);
        return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
    }
}
