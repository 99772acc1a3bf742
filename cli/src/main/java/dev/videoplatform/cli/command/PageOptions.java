package dev.videoplatform.cli.command;

import java.util.Map;
import picocli.CommandLine.Option;

/** The paging options of every listing command (a picocli mixin), as the API's page_size and page_token. */
public class PageOptions {

    @Option(names = "--limit", defaultValue = "20", description = "page size (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--page-token", description = "the next page, from a previous answer")
    String pageToken;

    /** Adds page_size and page_token to a query. */
    void addTo(Map<String, Object> query) {
        query.put("page_size", limit);
        query.put("page_token", pageToken);
    }
}
