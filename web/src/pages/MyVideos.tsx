import { useState } from 'preact/hooks';
import { del, get, patch } from '../api';
import { formatDate } from '../format';
import { useAsync, useTitle } from '../hooks';
import { Link } from '../router';
import { session } from '../session';
import { useStore } from '../store';
import type { Video } from '../types';

const STATUS: Record<string, string> = {
  VIDEO_STATUS_UPLOADING: 'Uploading',
  VIDEO_STATUS_PROCESSING: 'Processing',
  VIDEO_STATUS_READY: 'Ready',
  VIDEO_STATUS_FAILED: 'Failed',
  VIDEO_STATUS_BANNED: 'Removed by moderators',
};

export function MyVideos() {
  useTitle('My videos');
  const current = useStore(session);
  const videos = useAsync(
    () => (current ? get<{ videos?: Video[] }>(`/v1/channels/${current.user.userId}/videos`, { pageSize: 100 }) : Promise.resolve({ videos: [] })),
    [current?.user.userId],
  );
  if (!current) return <p><Link href="/signin">Sign in</Link> to manage your videos.</p>;
  const list = videos.data?.videos ?? [];
  return (
    <section aria-labelledby="my-videos-title">
      <div class="row spread">
        <h1 id="my-videos-title">My videos</h1>
        <Link href="/upload" class="button">Upload</Link>
      </div>
      {videos.error && <p role="alert" class="error">{videos.error.message}</p>}
      {videos.data && list.length === 0 && <p class="muted">You have not uploaded anything yet.</p>}
      <ul class="my-videos">
        {list.map((v) => <MyVideo key={v.videoId} video={v} onChange={videos.reload} />)}
      </ul>
    </section>
  );
}

function MyVideo({ video, onChange }: { video: Video; onChange: () => void }) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(video.title);
  const [description, setDescription] = useState(video.description);
  const [visibility, setVisibility] = useState(video.visibility);
  const [error, setError] = useState('');
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await patch(`/v1/videos/${video.videoId}?updateMask=title,description,visibility`, { title, description, visibility });
      setEditing(false);
      onChange();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const remove = async () => {
    if (!window.confirm(`Delete “${video.title}”? This cannot be undone.`)) return;
    try {
      await del(`/v1/videos/${video.videoId}`);
      onChange();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <li class="my-video">
      <div class="thumb small">{video.posterUrl ? <img src={video.posterUrl} alt="" /> : <div class="thumb-empty" />}</div>
      {editing ? (
        <form class="stack grow" onSubmit={save}>
          <label>Title<input required value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} /></label>
          <label>Description<textarea rows={3} value={description} onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} /></label>
          <label>
            Visibility
            <select value={visibility} onChange={(e) => setVisibility((e.target as HTMLSelectElement).value as Video['visibility'])}>
              <option value="VISIBILITY_PUBLIC">Public</option>
              <option value="VISIBILITY_UNLISTED">Unlisted</option>
              <option value="VISIBILITY_PRIVATE">Private</option>
            </select>
          </label>
          <div class="row">
            <button type="submit">Save</button>
            <button type="button" class="secondary" onClick={() => setEditing(false)}>Cancel</button>
          </div>
        </form>
      ) : (
        <div class="grow">
          <Link href={`/watch/${video.videoId}`} class="card-title">{video.title}</Link>
          <p class="muted small">
            {STATUS[video.status] ?? video.status} · {video.visibility.replace('VISIBILITY_', '').toLowerCase()} · {formatDate(video.createTime)}
          </p>
          <div class="row">
            <button type="button" class="secondary" onClick={() => setEditing(true)}>Edit</button>
            <button type="button" class="danger" onClick={remove}>Delete</button>
          </div>
        </div>
      )}
      {error && <p role="alert" class="error">{error}</p>}
    </li>
  );
}
