package dev.videoplatform.comment.service;

import dev.videoplatform.comment.repository.CommentRepository;
import dev.videoplatform.comment.repository.CommentRow;
import dev.videoplatform.platform.error.DomainException;
import java.util.List;
import java.util.UUID;

/**
 * The keyset position a page token carries (signed by PageTokens): the last row's TOP score
 * (unused by other orders) and id.
 */
record PageCursor(double score, UUID id) {

    static final PageCursor HIGHEST = new PageCursor(Double.POSITIVE_INFINITY, CommentRepository.MAX_ID);
    static final PageCursor LOWEST = new PageCursor(Double.NEGATIVE_INFINITY, CommentRepository.MIN_ID);

    static PageCursor after(CommentRow row) {
        return new PageCursor(row.topScore(), row.commentId());
    }

    List<String> encode() {
        return List.of(Double.toString(score), id.toString());
    }

    static PageCursor decode(List<String> fields) {
        try {
            if (fields.size() == 2) {
                return new PageCursor(Double.parseDouble(fields.get(0)), UUID.fromString(fields.get(1)));
            }
        } catch (IllegalArgumentException ignored) {
            // a token we signed always parses; falls through to the same answer as a forged one
        }
        throw DomainException.invalidArgument("page_token", "is not a page token of this query");
    }
}
