// A few lines of history-API routing: the app's pages are paths the edge answers with index.html.
import type { AnchorHTMLAttributes, ComponentChildren } from 'preact';
import { Store, useStore } from './store';

export const location = new Store(window.location.pathname + window.location.search);

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  location.value = to;
  window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => (location.value = window.location.pathname + window.location.search));

export function useLocation(): { path: string; query: URLSearchParams } {
  const href = useStore(location);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, query: url.searchParams };
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren };

export function Link({ href, children, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={href}
      onClick={(event: MouseEvent) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
