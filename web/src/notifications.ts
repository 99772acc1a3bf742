// The signed-in user's inbox: the first page, then StreamNotifications (NDJSON) for what comes
// next, reconnecting after the last id seen when the stream ends or fails.
import { get, stream } from './api';
import { session } from './session';
import { Store } from './store';
import type { Notification } from './types';

export const inbox = new Store<{ items: Notification[]; unread: number }>({ items: [], unread: 0 });

interface StreamMessage {
  notification?: Notification;
  unreadCount?: string;
  heartbeat?: boolean;
}

let running: AbortController | null = null;

async function follow(signal: AbortSignal): Promise<void> {
  let delay = 1_000;
  while (!signal.aborted) {
    try {
      const first = await get<{ notifications?: Notification[]; unreadCount?: string }>('/v1/notifications', { pageSize: 20 });
      inbox.value = { items: first.notifications ?? [], unread: Number(first.unreadCount ?? 0) };
      const after = inbox.value.items[0]?.notificationId;
      await stream<StreamMessage>(
        after ? `/v1/notifications:stream?afterNotificationId=${encodeURIComponent(after)}` : '/v1/notifications:stream',
        (message) => {
          delay = 1_000;
          const unread = message.unreadCount !== undefined ? Number(message.unreadCount) : inbox.value.unread;
          const n = message.notification;
          const items = n && !inbox.value.items.some((i) => i.notificationId === n.notificationId)
            ? [n, ...inbox.value.items].slice(0, 50)
            : inbox.value.items;
          inbox.value = { items, unread };
        },
        signal,
      );
    } catch {
      // the stream ended with an error or the network dropped: reconnect below
    }
    if (signal.aborted) return;
    await new Promise((resolve) => window.setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 30_000);
  }
}

/** Follows the inbox while someone is signed in. */
export function startInbox(): void {
  const restart = () => {
    running?.abort();
    running = null;
    inbox.value = { items: [], unread: 0 };
    if (session.value) {
      running = new AbortController();
      void follow(running.signal);
    }
  };
  let userId = session.value?.user.userId;
  session.subscribe((s) => {
    if (s?.user.userId !== userId) {
      userId = s?.user.userId;
      restart();
    }
  });
  restart();
}
