package dev.videoplatform.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoplatform.cli.api.Api;
import dev.videoplatform.cli.api.Api.Access;
import dev.videoplatform.cli.exit.ExitCode;
import dev.videoplatform.cli.output.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vp search QUERY}: full-text search with the API's filters and orders. */
@Command(name = "search", description = "Search videos (words, \"phrases\", -excluded).")
public class SearchCommand implements Callable<Integer> {

    /** Orders of the API, without their enum prefix. */
    public enum Order {
        RELEVANCE,
        DATE,
        VIEWS
    }

    @Parameters(paramLabel = "QUERY")
    String query;

    @Option(names = "--order", description = "RELEVANCE, DATE or VIEWS")
    Order order;

    @Option(names = "--channel", paramLabel = "CHANNEL_ID", description = "only this channel's videos")
    String channel;

    @Option(names = "--min-duration", paramLabel = "SECONDS", description = "at least this long")
    Integer minSeconds;

    @Option(names = "--max-duration", paramLabel = "SECONDS", description = "at most this long")
    Integer maxSeconds;

    @Option(names = "--published-after", paramLabel = "TIME", description = "RFC 3339, e.g. 2026-01-31T00:00:00Z")
    String publishedAfter;

    @Option(names = "--published-before", paramLabel = "TIME", description = "RFC 3339")
    String publishedBefore;

    @Mixin
    PageOptions paging;

    private final Api api;
    private final Output output;

    public SearchCommand(Api api, Output output) {
        this.api = api;
        this.output = output;
    }

    @Override
    public Integer call() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("query", query);
        parameters.put("order", order == null ? null : "SEARCH_ORDER_" + order.name());
        parameters.put("filter.channel_id", channel);
        parameters.put("filter.min_duration", minSeconds == null ? null : minSeconds + "s");
        parameters.put("filter.max_duration", maxSeconds == null ? null : maxSeconds + "s");
        parameters.put("filter.published_after", publishedAfter);
        parameters.put("filter.published_before", publishedBefore);
        paging.addTo(parameters);
        JsonNode page = api.get(Api.query("/v1/videos:search", parameters), Access.PUBLIC);
        if (output.json()) {
            output.document(page);
            return ExitCode.OK;
        }
        if (!page.path("suggestedQuery").asText("").isEmpty()) {
            output.note("did you mean: " + page.path("suggestedQuery").asText());
        }
        for (JsonNode result : page.path("results")) {
            output.line(result.path("videoId").asText() + "  " + result.path("duration").asText("") + "  "
                    + result.path("viewCount").asText("0") + " views  " + result.path("title").asText());
        }
        Texts.nextPage(output, page);
        return ExitCode.OK;
    }
}
