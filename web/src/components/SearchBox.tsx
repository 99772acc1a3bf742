import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api';
import { navigate, useLocation } from '../router';

/** The search field with autocomplete: an ARIA combobox (arrows, Enter, Escape). */
export function SearchBox() {
  const { path, query } = useLocation();
  const [text, setText] = useState(path === '/search' ? query.get('q') ?? '' : '');
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [active, setActive] = useState(-1);
  const typed = useRef(false);

  useEffect(() => {
    if (path === '/search') setText(query.get('q') ?? '');
  }, [path, query.get('q')]);

  useEffect(() => {
    const prefix = text.trim();
    if (!typed.current || prefix.length < 2) {
      setSuggestions([]);
      return;
    }
    const timer = window.setTimeout(() => {
      get<{ suggestions?: string[] }>('/v1/videos:autocomplete', { prefix, maxSuggestions: 8 }).then(
        (res) => setSuggestions(res.suggestions ?? []),
        () => setSuggestions([]),
      );
    }, 150);
    return () => window.clearTimeout(timer);
  }, [text]);

  const go = (q: string) => {
    typed.current = false;
    setSuggestions([]);
    setActive(-1);
    if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && suggestions.length) {
      event.preventDefault();
      setActive((a) => (a + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && suggestions.length) {
      event.preventDefault();
      setActive((a) => (a <= 0 ? suggestions.length - 1 : a - 1));
    } else if (event.key === 'Escape') {
      setSuggestions([]);
      setActive(-1);
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      setText(suggestions[active]);
      go(suggestions[active]);
    }
  };

  const open = suggestions.length > 0;
  return (
    <form
      role="search"
      class="search"
      onSubmit={(event) => {
        event.preventDefault();
        go(text);
      }}
    >
      <label for="q" class="visually-hidden">Search videos</label>
      <input
        id="q"
        type="search"
        placeholder="Search"
        autocomplete="off"
        role="combobox"
        list={undefined}
        aria-expanded={open}
        aria-controls="q-suggestions"
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `q-s${active}` : undefined}
        value={text}
        onInput={(event) => {
          typed.current = true;
          setText((event.target as HTMLInputElement).value);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => window.setTimeout(() => setSuggestions([]), 150)}
      />
      <button type="submit" aria-label="Search">
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="M15 15l6 6" stroke="currentColor" stroke-width="2" />
        </svg>
      </button>
      <ul id="q-suggestions" role="listbox" aria-label="Suggestions" class="suggestions" hidden={!open}>
        {suggestions.map((s, i) => (
          <li
            id={`q-s${i}`}
            key={s}
            role="option"
            aria-selected={i === active}
            onMouseDown={(event) => {
              event.preventDefault();
              setText(s);
              go(s);
            }}
          >
            {s}
          </li>
        ))}
      </ul>
    </form>
  );
}
