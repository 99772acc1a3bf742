import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { navigate } from '../router';
import { session } from '../session';
import { useStore } from '../store';

interface Subscriptions {
  subscriptions?: { channel: { userId: string } }[];
  nextPageToken?: string;
}

/** Whether the signed-in user follows `channelId`, from their own subscriptions list. */
async function isSubscribed(userId: string, channelId: string): Promise<boolean> {
  let pageToken: string | undefined;
  do {
    const page = await get<Subscriptions>(`/v1/users/${userId}/subscriptions`, { pageSize: 200, pageToken });
    if ((page.subscriptions ?? []).some((s) => s.channel?.userId === channelId)) return true;
    pageToken = page.nextPageToken || undefined;
  } while (pageToken);
  return false;
}

export function SubscribeButton({ channelId, onChange }: { channelId: string; onChange?: () => void }) {
  const current = useStore(session);
  const [subscribed, setSubscribed] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const userId = current?.user.userId;

  useEffect(() => {
    setSubscribed(null);
    if (userId && userId !== channelId) void isSubscribed(userId, channelId).then(setSubscribed, () => setSubscribed(false));
  }, [userId, channelId]);

  if (userId === channelId) return null;
  const toggle = async () => {
    if (!userId) return navigate('/signin');
    setBusy(true);
    try {
      await post(`/v1/users/${channelId}:${subscribed ? 'unsubscribe' : 'subscribe'}`);
      setSubscribed(!subscribed);
      onChange?.();
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" class={subscribed ? 'secondary' : ''} aria-pressed={!!subscribed} disabled={busy || (!!userId && subscribed === null)} onClick={toggle}>
      {subscribed ? 'Subscribed' : 'Subscribe'}
    </button>
  );
}
