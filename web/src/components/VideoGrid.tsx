import { Link } from '../router';
import { formatCount, formatDate, formatDuration } from '../format';
import type { VideoCardData } from '../types';
import { useUsers } from '../users';

export function VideoGrid({ videos, empty, label }: { videos: VideoCardData[]; empty: string; label: string }) {
  const channels = useUsers(videos.map((v) => v.channelId));
  if (!videos.length) return <p class="muted">{empty}</p>;
  return (
    <ul class="grid" aria-label={label}>
      {videos.map((v) => (
        <li key={v.videoId} class="card">
          <Link href={`/watch/${v.videoId}`} class="card-link">
            <div class="thumb">
              {v.posterUrl ? <img src={v.posterUrl} alt="" loading="lazy" /> : <div class="thumb-empty" />}
              {v.duration && <span class="duration">{formatDuration(v.duration)}</span>}
            </div>
            <span class="card-title">{v.title}</span>
          </Link>
          <div class="card-meta">
            <Link href={`/channel/${v.channelId}`}>{channels[v.channelId]?.displayName || channels[v.channelId]?.username || 'channel'}</Link>
            <span>
              {v.viewCount !== undefined && `${formatCount(v.viewCount, 'view', 'views')} · `}
              {formatDate(v.publishTime)}
            </span>
          </div>
          {v.snippet && <p class="snippet" dangerouslySetInnerHTML={{ __html: v.snippet }} />}
        </li>
      ))}
    </ul>
  );
}
