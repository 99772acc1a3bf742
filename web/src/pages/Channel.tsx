import { get } from '../api';
import { SubscribeButton } from '../components/SubscribeButton';
import { VideoGrid } from '../components/VideoGrid';
import { formatCount } from '../format';
import { useAsync, useTitle } from '../hooks';
import type { User, Video } from '../types';

export function Channel({ channelId }: { channelId: string }) {
  const channel = useAsync(() => get<User>(`/v1/users/${encodeURIComponent(channelId)}`), [channelId]);
  const videos = useAsync(
    () => get<{ videos?: Video[] }>(`/v1/channels/${encodeURIComponent(channelId)}/videos`, { pageSize: 48 }),
    [channelId],
  );
  const user = channel.data;
  useTitle(user?.displayName || user?.username || 'Channel');
  if (channel.error) return <p role="alert" class="error">Channel not found.</p>;
  return (
    <section aria-labelledby="channel-title">
      <div class="channel-head">
        <span class="avatar large" aria-hidden="true">{(user?.displayName || user?.username || '?').slice(0, 1).toUpperCase()}</span>
        <div>
          <h1 id="channel-title">{user?.displayName || user?.username || '…'}</h1>
          {user && <p class="muted">@{user.username} · <span data-testid="subscriber-count">{formatCount(user.subscriberCount, 'subscriber', 'subscribers')}</span></p>}
          {user?.bio && <p>{user.bio}</p>}
        </div>
        {user && <SubscribeButton channelId={channelId} onChange={channel.reload} />}
      </div>
      <h2>Videos</h2>
      {videos.data && (
        <VideoGrid
          label="Channel videos"
          videos={(videos.data.videos ?? []).filter((v) => v.status === 'VIDEO_STATUS_READY')}
          empty="No videos yet."
        />
      )}
    </section>
  );
}
