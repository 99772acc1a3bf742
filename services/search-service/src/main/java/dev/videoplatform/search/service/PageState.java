package dev.videoplatform.search.service;

import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.search.repository.SearchCriteria.Cursor;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What a search page token carries (signed by PageTokens): the query actually run (as typed or
 * corrected), the freshness reference time, the match count of the first page, the suggestion
 * shown, and the keyset cursor.
 */
record PageState(String query, Instant now, long total, String suggestedQuery, Cursor after) {

    List<String> encode() {
        return List.of(query, now.toString(), Long.toString(total), suggestedQuery, after.key(), after.videoId());
    }

    static PageState decode(List<String> fields) {
        try {
            if (fields.size() == 6) {
                return new PageState(fields.get(0), Instant.parse(fields.get(1)), Long.parseLong(fields.get(2)),
                        fields.get(3), new Cursor(fields.get(4), fields.get(5)));
            }
        } catch (NumberFormatException | DateTimeParseException ignored) {
            // a token we signed always parses; falls through to the same answer as a forged one
        }
        throw DomainException.invalidArgument("page_token", "is not a page token of this query");
    }
}
