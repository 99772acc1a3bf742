import { Link } from '../router';
import { inbox } from '../notifications';
import { useStore } from '../store';

export function Bell() {
  const { unread } = useStore(inbox);
  return (
    <Link href="/notifications" class="bell" aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}>
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
        <path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zm-2 15a2 2 0 0 0 4 0z" fill="currentColor" />
      </svg>
      {unread > 0 && <span class="badge" data-testid="unread-count">{unread > 99 ? '99+' : unread}</span>}
    </Link>
  );
}
