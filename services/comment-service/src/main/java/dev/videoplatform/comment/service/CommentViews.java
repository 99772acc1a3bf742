package dev.videoplatform.comment.service;

import com.google.protobuf.Timestamp;
import dev.videoplatform.comment.repository.CommentRow;
import dev.videoplatform.comment.service.AuthorNames.Authors;
import dev.videoplatform.comment.v1.Comment;
import dev.videoplatform.comment.v1.Vote;
import dev.videoplatform.user.v1.UserSummary;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Comment rows as the contract's Comment messages, and the authors' names on them. */
final class CommentViews {

    private CommentViews() {
    }

    /** The user ids whose names these comments show (authors and those replied to). */
    static Set<String> people(Collection<Comment> comments) {
        Set<String> ids = new HashSet<>();
        for (Comment comment : comments) {
            ids.add(comment.getAuthorId());
            if (!comment.getReplyToAuthorId().isEmpty()) {
                ids.add(comment.getReplyToAuthorId());
            }
        }
        return ids;
    }

    static List<Comment> comments(List<CommentRow> rows, UUID pinnedId) {
        return rows.stream().map(row -> comment(row, pinnedId)).toList();
    }

    /** The comment without names (see {@link #named}). */
    static Comment comment(CommentRow row, UUID pinnedId) {
        Comment.Builder c = Comment.newBuilder()
                .setCommentId(row.commentId().toString())
                .setVideoId(row.videoId())
                .setAuthorId(row.authorId())
                .setText(row.text())
                .setCreateTime(timestamp(row.createdAt()))
                .setUpdateTime(timestamp(row.editedAt() == null ? row.createdAt() : row.editedAt()))
                .setEdited(row.editedAt() != null)
                .setDeleted(row.deleted())
                .setUpVoteCount(row.upCount())
                .setDownVoteCount(row.downCount())
                .setReplyCount(row.isReply() ? 0 : row.replyCount())
                .setViewerVote(vote(row.viewerVote()))
                .setPinned(row.commentId().equals(pinnedId))
                .setLikedByOwner(row.likedByOwner());
        if (row.isReply()) {
            c.setParentCommentId(row.parentId().toString());
            if (row.replyToAuthorId() != null) {
                c.setReplyToAuthorId(row.replyToAuthorId());
            }
        }
        return c.build();
    }

    static List<Comment> named(List<Comment> comments, Authors authors) {
        return comments.stream().map(c -> named(c, authors)).toList();
    }

    /** The comment with its author's name and avatar (or marked author_unavailable) and the answered one's name. */
    static Comment named(Comment comment, Authors authors) {
        Comment.Builder c = comment.toBuilder();
        UserSummary author = authors.get(comment.getAuthorId());
        if (author != null) {
            c.setAuthorDisplayName(author.getDisplayName()).setAuthorAvatarUrl(author.getAvatarUrl());
        }
        c.setAuthorUnavailable(authors.unavailable().contains(comment.getAuthorId()));
        UserSummary answered = comment.getReplyToAuthorId().isEmpty() ? null : authors.get(comment.getReplyToAuthorId());
        if (answered != null) {
            c.setReplyToAuthorDisplayName(answered.getDisplayName());
        }
        return c.build();
    }

    /** The stored vote number (0 = none) as the contract's Vote. */
    static Vote vote(int stored) {
        return stored == 0 ? Vote.VOTE_NONE : Vote.forNumber(stored);
    }

    static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }
}
