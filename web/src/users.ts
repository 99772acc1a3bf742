// Channel names for lists that carry only ids, fetched in batches and kept for the app's life.
import { useEffect, useState } from 'preact/hooks';
import { get } from './api';
import type { User } from './types';

const known = new Map<string, Promise<User | undefined>>();

function fetchUsers(ids: string[]): void {
  const missing = [...new Set(ids)].filter((id) => id && !known.has(id));
  if (!missing.length) return;
  const batch = get<{ users?: User[] }>('/v1/users:batchGet', { userIds: missing }).then(
    (res) => new Map((res.users ?? []).map((u) => [u.userId, u])),
    () => new Map<string, User>(),
  );
  missing.forEach((id) => known.set(id, batch.then((users) => users.get(id))));
}

export function useUsers(ids: string[]): Record<string, User> {
  const [users, setUsers] = useState<Record<string, User>>({});
  const key = ids.join(',');
  useEffect(() => {
    fetchUsers(ids);
    let live = true;
    void Promise.all(ids.map((id) => known.get(id))).then((found) => {
      if (!live) return;
      const next: Record<string, User> = {};
      found.forEach((u) => u && (next[u.userId] = u));
      setUsers(next);
    });
    return () => (live = false);
  }, [key]);
  return users;
}

export function forgetUser(id: string): void {
  known.delete(id);
}
