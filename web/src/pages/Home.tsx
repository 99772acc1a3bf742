import { get } from '../api';
import { VideoGrid } from '../components/VideoGrid';
import { useAsync, useTitle } from '../hooks';
import { session } from '../session';
import { useStore } from '../store';
import type { Video, VideoCardData } from '../types';

interface FeedItem {
  video: VideoCardData;
  reason: string;
}

/** Signed in: the recommendation home feed. Anonymous: trending this week. */
async function loadFeed(signedIn: boolean): Promise<VideoCardData[]> {
  if (signedIn) {
    const feed = await get<{ items?: FeedItem[] }>('/v1/feeds/home', { pageSize: 24 });
    return (feed.items ?? []).map((i) => i.video);
  }
  const trending = await get<{ videos?: { videoId: string; windowViewCount: string }[] }>('/v1/videos:trending', {
    window: 'TRENDING_WINDOW_WEEK',
    pageSize: 24,
  });
  const ids = (trending.videos ?? []).map((t) => t.videoId);
  if (!ids.length) return [];
  const batch = await get<{ videos?: Video[] }>('/v1/videos:batchGet', { videoIds: ids });
  const byId = new Map((batch.videos ?? []).map((v) => [v.videoId, v]));
  return (trending.videos ?? [])
    .filter((t) => byId.has(t.videoId))
    .map((t) => ({ ...byId.get(t.videoId)!, viewCount: t.windowViewCount }));
}

export function Home() {
  const signedIn = !!useStore(session);
  useTitle('');
  const feed = useAsync(() => loadFeed(signedIn), [signedIn]);
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{signedIn ? 'For you' : 'Trending'}</h1>
      {feed.error && <p role="alert" class="error">Could not load the feed: {feed.error.message}</p>}
      {feed.data ? (
        <VideoGrid videos={feed.data} label={signedIn ? 'Recommended videos' : 'Trending videos'} empty="Nothing here yet: upload the first video." />
      ) : (
        !feed.error && <p class="muted" aria-live="polite">Loading…</p>
      )}
    </section>
  );
}
