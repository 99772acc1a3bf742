import { useState } from 'preact/hooks';
import { get, post } from '../api';
import { formatCount, formatDate, newRequestId } from '../format';
import { useAsync } from '../hooks';
import { Link } from '../router';
import { session } from '../session';
import { useStore } from '../store';
import type { Comment } from '../types';

interface Page {
  comments?: Comment[];
  replies?: Comment[];
  nextPageToken?: string;
  totalCount?: string;
}

/** Top-level comments (TOP or NEWEST), each with its replies (one level), votes and a reply box. */
export function Comments({ videoId }: { videoId: string }) {
  const [order, setOrder] = useState('COMMENT_ORDER_TOP');
  const [added, setAdded] = useState<Comment[]>([]);
  const page = useAsync(() => get<Page>(`/v1/videos/${videoId}/comments`, { order, pageSize: 50 }), [videoId, order]);
  const listed = page.data?.comments ?? [];
  const shown = [...added.filter((a) => !listed.some((c) => c.commentId === a.commentId)), ...listed];
  return (
    <section class="comments" aria-labelledby="comments-title">
      <div class="comments-head">
        <h2 id="comments-title">{formatCount(Number(page.data?.totalCount ?? 0) + added.length, 'comment', 'comments')}</h2>
        <label>
          Sort
          <select value={order} onChange={(e) => setOrder((e.target as HTMLSelectElement).value)}>
            <option value="COMMENT_ORDER_TOP">Top</option>
            <option value="COMMENT_ORDER_NEWEST">Newest</option>
          </select>
        </label>
      </div>
      <CommentForm videoId={videoId} label="Add a comment" onAdded={(c) => setAdded((a) => [c, ...a])} />
      <ul class="comment-list">
        {shown.map((c) => <CommentItem key={c.commentId} comment={c} />)}
      </ul>
    </section>
  );
}

function CommentForm({ videoId, parentId, label, onAdded, autoFocus }: {
  videoId: string;
  parentId?: string;
  label: string;
  onAdded: (comment: Comment) => void;
  autoFocus?: boolean;
}) {
  const signedIn = !!useStore(session);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (!signedIn) return <p class="muted"><Link href="/signin">Sign in</Link> to comment.</p>;
  const fieldId = `comment-${parentId ?? 'top'}`;
  return (
    <form
      class="comment-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!text.trim()) return;
        setBusy(true);
        setError('');
        try {
          const res = await post<{ comment: Comment }>(`/v1/videos/${videoId}/comments`, {
            text,
            parentCommentId: parentId,
            requestId: newRequestId(),
          });
          setText('');
          onAdded(res.comment);
        } catch (err) {
          setError((err as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <label for={fieldId} class="visually-hidden">{label}</label>
      <textarea id={fieldId} placeholder={label} rows={2} value={text} autoFocus={autoFocus} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <button type="submit" disabled={busy || !text.trim()}>{parentId ? 'Reply' : 'Comment'}</button>
      {error && <p role="alert" class="error">{error}</p>}
    </form>
  );
}

function CommentItem({ comment }: { comment: Comment }) {
  const signedIn = !!useStore(session);
  const [c, setC] = useState(comment);
  const [replying, setReplying] = useState(false);
  const [replies, setReplies] = useState<Comment[] | null>(null);
  const vote = async (kind: 'VOTE_UP' | 'VOTE_DOWN') => {
    const next = c.viewerVote === kind ? 'VOTE_NONE' : kind;
    const res = await post<{ vote: string; upVoteCount: string; downVoteCount: string }>(`/v1/comments/${c.commentId}:vote`, { vote: next });
    setC({ ...c, viewerVote: res.vote, upVoteCount: res.upVoteCount, downVoteCount: res.downVoteCount });
  };
  const showReplies = async () => {
    const page = await get<Page>(`/v1/comments/${c.commentId}/replies`, { pageSize: 100 });
    setReplies(page.replies ?? []);
  };
  const isReply = !!c.parentCommentId;
  return (
    <li class="comment" data-testid="comment">
      <div class="comment-head">
        <Link href={`/channel/${c.authorId}`} class="comment-author">{c.authorDisplayName || 'user'}</Link>
        <span class="muted small">{formatDate(c.createTime)}{c.edited && ' (edited)'}</span>
        {c.pinned && <span class="pill">Pinned</span>}
      </div>
      <p class="comment-text">{c.deleted ? <em>deleted</em> : c.text}</p>
      <div class="comment-actions">
        <button type="button" class="icon" aria-pressed={c.viewerVote === 'VOTE_UP'} aria-label={`Like (${c.upVoteCount ?? 0})`} disabled={!signedIn} onClick={() => vote('VOTE_UP')}>
          ▲ <span data-testid="up-votes">{Number(c.upVoteCount ?? 0)}</span>
        </button>
        <button type="button" class="icon" aria-pressed={c.viewerVote === 'VOTE_DOWN'} aria-label="Dislike" disabled={!signedIn} onClick={() => vote('VOTE_DOWN')}>
          ▼
        </button>
        {!isReply && signedIn && <button type="button" class="linkish" onClick={() => setReplying(!replying)}>Reply</button>}
        {!isReply && Number(c.replyCount) > 0 && replies === null && (
          <button type="button" class="linkish" onClick={showReplies}>{formatCount(c.replyCount, 'reply', 'replies')}</button>
        )}
      </div>
      {replying && (
        <CommentForm
          videoId={c.videoId}
          parentId={c.commentId}
          label={`Reply to ${c.authorDisplayName}`}
          autoFocus
          onAdded={(r) => {
            setReplying(false);
            setReplies((rs) => [...(rs ?? []), r]);
          }}
        />
      )}
      {replies && replies.length > 0 && (
        <ul class="replies" aria-label={`Replies to ${c.authorDisplayName}`}>
          {replies.map((r) => <CommentItem key={r.commentId} comment={r} />)}
        </ul>
      )}
    </li>
  );
}
