package dev.videoplatform.search.service;

import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.search.repository.Matches;
import dev.videoplatform.search.repository.SearchCriteria.Cursor;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What a search page token carries (signed by PageTokens): the query actually run (as typed or
 * corrected), the freshness reference time, the matches of the first page (count and whether
 * common), the suggestion shown, and the keyset cursor.
 */
record PageState(String query, Instant now, Matches matches, String suggestedQuery, Cursor after) {

    List<String> encode() {
        return List.of(query, now.toString(), Long.toString(matches.total()), suggestedQuery, after.key(), after.videoId(),
                Boolean.toString(matches.common()));
    }

    static PageState decode(List<String> fields) {
        try {
            // Tokens made before the common flag have six fields: they page as rare queries did.
            if (fields.size() == 6 || fields.size() == 7) {
                return new PageState(fields.get(0), Instant.parse(fields.get(1)),
                        new Matches(Long.parseLong(fields.get(2)), fields.size() == 7 && Boolean.parseBoolean(fields.get(6))),
                        fields.get(3), new Cursor(fields.get(4), fields.get(5)));
            }
        } catch (NumberFormatException | DateTimeParseException ignored) {
            // a token we signed always parses; falls through to the same answer as a forged one
        }
        throw DomainException.invalidArgument("page_token", "is not a page token of this query");
    }
}
