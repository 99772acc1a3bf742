import { post } from '../api';
import { formatDate } from '../format';
import { useTitle } from '../hooks';
import { inbox } from '../notifications';
import { Link } from '../router';
import { session } from '../session';
import { useStore } from '../store';
import type { Notification } from '../types';

function target(n: Notification): string {
  if (n.target.videoId) return `/watch/${n.target.videoId}`;
  if (n.target.userId) return `/channel/${n.target.userId}`;
  return '/notifications';
}

export function Notifications() {
  useTitle('Notifications');
  const signedIn = !!useStore(session);
  const { items, unread } = useStore(inbox);
  if (!signedIn) return <p><Link href="/signin">Sign in</Link> to see your notifications.</p>;
  const markAll = async () => {
    const res = await post<{ unreadCount?: string }>('/v1/notifications:markRead', { all: true });
    inbox.value = { items: inbox.value.items.map((n) => ({ ...n, read: true })), unread: Number(res.unreadCount ?? 0) };
  };
  return (
    <section aria-labelledby="notifications-title">
      <div class="row spread">
        <h1 id="notifications-title">Notifications</h1>
        <button type="button" class="secondary" disabled={!unread} onClick={markAll}>Mark all read</button>
      </div>
      <p class="muted" aria-live="polite">{unread} unread</p>
      {items.length === 0 ? <p class="muted">Nothing yet.</p> : (
        <ul class="notifications" aria-label="Notifications">
          {items.map((n) => (
            <li key={n.notificationId} class={n.read ? '' : 'unread'} data-testid="notification">
              <Link href={target(n)}>
                <strong>{n.title}</strong>
                {n.body && <span> — {n.body}</span>}
              </Link>
              <span class="muted small">{formatDate(n.createTime)}{n.read ? '' : ' · unread'}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
