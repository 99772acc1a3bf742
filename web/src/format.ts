/** "83.5s" (a proto Duration in JSON) → "1:23". */
export function formatDuration(duration?: string): string {
  if (!duration) return '';
  const total = Math.round(parseFloat(duration));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function formatDate(time?: string): string {
  if (!time) return '';
  return new Date(time).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatCount(count: string | number | undefined, one: string, many: string): string {
  const n = Number(count ?? 0);
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

export const newRequestId = () => crypto.randomUUID();
