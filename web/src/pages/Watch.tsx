import { useState } from 'preact/hooks';
import { ApiError, get, post } from '../api';
import { Comments } from '../components/Comments';
import { Player } from '../components/Player';
import { SubscribeButton } from '../components/SubscribeButton';
import { VideoGrid } from '../components/VideoGrid';
import { formatCount, formatDate, newRequestId } from '../format';
import { useAsync, useTitle } from '../hooks';
import { Link } from '../router';
import { session } from '../session';
import { useStore } from '../store';
import type { Video, VideoCardData } from '../types';
import { useUsers } from '../users';

interface Playback {
  masterPlaylistUrl: string;
  posterUrl?: string;
}

const UNAVAILABLE: Record<string, string> = {
  VIDEO_STATUS_BANNED: 'This video has been removed by the moderators.',
  VIDEO_STATUS_DELETED: 'This video has been deleted.',
  VIDEO_STATUS_FAILED: 'This video could not be processed.',
  VIDEO_STATUS_PROCESSING: 'This video is still being processed.',
  VIDEO_STATUS_UPLOADING: 'This video is still being uploaded.',
};

export function Watch({ videoId }: { videoId: string }) {
  const id = encodeURIComponent(videoId);
  const video = useAsync(() => get<Video>(`/v1/videos/${id}`), [videoId]);
  const ready = video.data?.status === 'VIDEO_STATUS_READY';
  const playback = useAsync(() => (ready ? get<Playback>(`/v1/videos/${id}/playback`) : Promise.resolve(null)), [videoId, ready]);
  const stats = useAsync(() => get<{ viewCount?: string }>(`/v1/videos/${id}/stats`), [videoId]);
  const related = useAsync(
    () => get<{ items?: { video: VideoCardData }[] }>(`/v1/videos/${id}/related`, { pageSize: 12 }),
    [videoId],
  );
  const missing = video.error instanceof ApiError && video.error.status === 404;
  // The catalog hides a banned video from everyone but its owner (NOT_FOUND, like an unknown id);
  // its HLS files answer 410 Gone instead, so a viewer can be told it was taken down.
  const banned = useAsync(
    () => (missing ? fetch(`/stream/${id}/master.m3u8`, { method: 'HEAD', cache: 'no-store' }).then((r) => r.status === 410) : Promise.resolve(false)),
    [videoId, missing],
  );
  const channel = useUsers(video.data ? [video.data.channelId] : [])[video.data?.channelId ?? ''];
  useTitle(video.data?.title ?? 'Watch');

  if (video.error) {
    if (missing && banned.loading) return <p class="muted">Loading…</p>;
    return (
      <section class="unavailable" role="alert">
        <h1>Video unavailable</h1>
        <p data-testid="unavailable-reason">
          {banned.data ? UNAVAILABLE.VIDEO_STATUS_BANNED : missing ? 'This video does not exist or is no longer available.' : video.error.message}
        </p>
      </section>
    );
  }
  const v = video.data;
  if (!v) return <p class="muted">Loading…</p>;
  if (!ready || (playback.error instanceof ApiError && playback.error.status === 410)) {
    return (
      <section class="unavailable" role="alert">
        <h1>Video unavailable</h1>
        <p data-testid="unavailable-reason">{UNAVAILABLE[v.status] ?? 'This video is no longer available.'}</p>
      </section>
    );
  }
  return (
    <div class="watch">
      <section class="watch-main" aria-labelledby="video-title">
        {playback.data ? (
          <Player videoId={v.videoId} src={playback.data.masterPlaylistUrl} poster={playback.data.posterUrl || v.posterUrl} />
        ) : (
          <div class="player placeholder">{playback.error ? `Playback failed: ${playback.error.message}` : 'Loading player…'}</div>
        )}
        <h1 id="video-title">{v.title}</h1>
        <div class="video-meta">
          <div class="channel-line">
            <span class="avatar" aria-hidden="true">{(channel?.displayName || channel?.username || '?').slice(0, 1).toUpperCase()}</span>
            <div>
              <Link href={`/channel/${v.channelId}`} class="channel-name">{channel?.displayName || channel?.username || 'Channel'}</Link>
              <div class="muted small">{formatCount(channel?.subscriberCount, 'subscriber', 'subscribers')}</div>
            </div>
            <SubscribeButton channelId={v.channelId} />
          </div>
          <ReportButton videoId={v.videoId} />
        </div>
        <div class="description">
          <p class="muted small">
            {stats.data && `${formatCount(stats.data.viewCount, 'view', 'views')} · `}
            {formatDate(v.publishTime || v.createTime)}
          </p>
          <p>{v.description}</p>
          {v.tags?.length > 0 && <p class="tags">{v.tags.map((t) => <span key={t}>#{t}</span>)}</p>}
        </div>
        {v.commentsEnabled === false ? <p class="muted">Comments are turned off.</p> : <Comments videoId={v.videoId} />}
      </section>
      <aside class="related" aria-labelledby="related-title">
        <h2 id="related-title">Related</h2>
        {related.data && <VideoGrid label="Related videos" videos={(related.data.items ?? []).map((i) => i.video)} empty="Nothing related yet." />}
      </aside>
    </div>
  );
}

const REASONS = ['SPAM', 'HARASSMENT', 'HATE', 'VIOLENCE', 'SEXUAL', 'CHILD_SAFETY', 'COPYRIGHT', 'MISLEADING', 'OTHER'];

function ReportButton({ videoId }: { videoId: string }) {
  const signedIn = !!useStore(session);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('SPAM');
  const [details, setDetails] = useState('');
  const [status, setStatus] = useState('');
  if (!signedIn) return null;
  if (!open) return <button type="button" class="secondary" onClick={() => setOpen(true)}>Report</button>;
  return (
    <form
      class="report"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await post(`/v1/videos/${videoId}:report`, { reason: `REPORT_REASON_${reason}`, details, requestId: newRequestId() });
          setStatus('Thanks, the moderators will look at it.');
          setOpen(false);
        } catch (err) {
          setStatus((err as Error).message);
        }
      }}
    >
      <label>
        Reason
        <select value={reason} onChange={(e) => setReason((e.target as HTMLSelectElement).value)}>
          {REASONS.map((r) => <option key={r} value={r}>{r.replace('_', ' ').toLowerCase()}</option>)}
        </select>
      </label>
      <label>
        Details
        <input value={details} onInput={(e) => setDetails((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit">Send report</button>
      <button type="button" class="secondary" onClick={() => setOpen(false)}>Cancel</button>
      {status && <p role="status">{status}</p>}
    </form>
  );
}
