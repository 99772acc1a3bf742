package dev.videoplatform.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a service's cache answered (platform-common's {@code ProtoCache} and {@code CoalescedLoads}
 * counters), read from its Prometheus endpoint before and after a measurement: the evidence of
 * what a cache-on row measured.
 */
final class CacheCounters {

    private final int port;
    private final Map<String, String> series = new LinkedHashMap<>();

    /** The counters of the cache named {@code cache} (its key prefix without the last colon). */
    CacheCounters(int port, String cache) {
        this.port = port;
        String lookups = "videoplatform_cache_lookups_total{cache=\"" + cache + "\",result=\"";
        series.put("from memory", lookups + "memory\"");
        series.put("from Redis", lookups + "redis\"");
        series.put("loaded", lookups + "miss\"");
        series.put("given the previous load during a load", "videoplatform_cache_previous_load_served_total{cache=\"" + cache + "\"");
    }

    Map<String, Double> read() throws IOException, InterruptedException {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> values = new LinkedHashMap<>();
        series.keySet().forEach(name -> values.put(name, 0.0));
        for (String line : text.split("\n")) {
            series.forEach((name, prefix) -> {
                if (line.startsWith(prefix)) {
                    // "<name>{<labels>} <value>", perhaps followed by a timestamp or an exemplar.
                    String value = line.substring(line.indexOf("} ") + 2).strip().split(" ")[0];
                    values.merge(name, Double.parseDouble(value), Double::sum);
                }
            });
        }
        return values;
    }

    static String difference(Map<String, Double> before, Map<String, Double> after) {
        List<String> parts = new ArrayList<>();
        after.forEach((name, value) -> parts.add(String.format(Locale.ROOT, "%s %.0f", name, value - before.getOrDefault(name, 0.0))));
        return String.join(", ", parts);
    }
}
