import { get } from '../api';
import { VideoGrid } from '../components/VideoGrid';
import { useAsync, useTitle } from '../hooks';
import { navigate, useLocation } from '../router';
import type { VideoCardData } from '../types';

interface SearchResponse {
  results?: VideoCardData[];
  totalSize?: string;
  suggestedQuery?: string;
  nextPageToken?: string;
}

const DURATIONS: Record<string, { min?: string; max?: string; label: string }> = {
  '': { label: 'Any length' },
  short: { max: '240s', label: 'Under 4 minutes' },
  medium: { min: '240s', max: '1200s', label: '4–20 minutes' },
  long: { min: '1200s', label: 'Over 20 minutes' },
};
const DATES: Record<string, { days?: number; label: string }> = {
  '': { label: 'Any time' },
  day: { days: 1, label: 'Today' },
  week: { days: 7, label: 'This week' },
  month: { days: 31, label: 'This month' },
  year: { days: 365, label: 'This year' },
};

export function SearchPage() {
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const order = query.get('order') ?? 'SEARCH_ORDER_RELEVANCE';
  const length = query.get('length') ?? '';
  const date = query.get('date') ?? '';
  useTitle(q ? `${q} – search` : 'Search');

  const results = useAsync(async () => {
    if (!q.trim()) return { results: [] } as SearchResponse;
    const d = DURATIONS[length] ?? DURATIONS[''];
    const days = (DATES[date] ?? DATES['']).days;
    return get<SearchResponse>('/v1/videos:search', {
      query: q,
      order,
      pageSize: 24,
      'filter.minDuration': d.min,
      'filter.maxDuration': d.max,
      'filter.publishedAfter': days ? new Date(Date.now() - days * 86_400_000).toISOString() : undefined,
    });
  }, [q, order, length, date]);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(key, value);
    else next.delete(key);
    navigate(`/search?${next.toString()}`, true);
  };

  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">{q ? <>Results for “{q}”</> : 'Search'}</h1>
      <form class="filters" aria-label="Search filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Sort by
          <select value={order} onChange={(e) => set('order', (e.target as HTMLSelectElement).value)}>
            <option value="SEARCH_ORDER_RELEVANCE">Relevance</option>
            <option value="SEARCH_ORDER_DATE">Upload date</option>
            <option value="SEARCH_ORDER_VIEWS">View count</option>
          </select>
        </label>
        <label>
          Length
          <select value={length} onChange={(e) => set('length', (e.target as HTMLSelectElement).value)}>
            {Object.entries(DURATIONS).map(([k, v]) => <option key={k} value={k}>{v.label}</option>)}
          </select>
        </label>
        <label>
          Uploaded
          <select value={date} onChange={(e) => set('date', (e.target as HTMLSelectElement).value)}>
            {Object.entries(DATES).map(([k, v]) => <option key={k} value={k}>{v.label}</option>)}
          </select>
        </label>
      </form>
      {results.error && <p role="alert" class="error">Search failed: {results.error.message}</p>}
      {results.data?.suggestedQuery && (
        <p>
          Did you mean{' '}
          <a href={`/search?q=${encodeURIComponent(results.data.suggestedQuery)}`} onClick={(e) => { e.preventDefault(); navigate(`/search?q=${encodeURIComponent(results.data!.suggestedQuery!)}`); }}>
            {results.data.suggestedQuery}
          </a>
          ?
        </p>
      )}
      {results.data && q && <p class="muted" aria-live="polite">{Number(results.data.totalSize ?? results.data.results?.length ?? 0).toLocaleString()} results</p>}
      {results.data ? (
        <VideoGrid videos={results.data.results ?? []} label="Search results" empty={q ? 'No videos match.' : 'Type something to search for.'} />
      ) : (
        !results.error && <p class="muted">Searching…</p>
      )}
    </section>
  );
}
