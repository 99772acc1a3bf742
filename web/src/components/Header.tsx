import { Link, navigate } from '../router';
import { isAdmin, session, signedOut } from '../session';
import { useStore } from '../store';
import { post } from '../api';
import { SearchBox } from './SearchBox';
import { Bell } from './Bell';

export function Header() {
  const current = useStore(session);
  const signOut = async () => {
    const refreshToken = current?.refreshToken;
    signedOut();
    if (refreshToken) await post('/v1/users:logout', { refreshToken }).catch(() => undefined);
    navigate('/');
  };
  return (
    <header class="top">
      <Link href="/" class="brand" aria-label="videoplatform home">
        <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
          <rect width="32" height="32" rx="7" fill="currentColor" />
          <path d="M12 9v14l11-7z" fill="#fff" />
        </svg>
        <span class="brand-name">videoplatform</span>
      </Link>
      <SearchBox />
      <nav aria-label="Account" class="account">
        {current ? (
          <>
            <Link href="/upload" class="button">Upload</Link>
            <Bell />
            <details class="menu">
              <summary aria-label={`Account menu for ${current.user.username}`}>
                <span class="avatar" aria-hidden="true">{(current.user.displayName || current.user.username).slice(0, 1).toUpperCase()}</span>
              </summary>
              <ul>
                <li><Link href={`/channel/${current.user.userId}`}>My channel</Link></li>
                <li><Link href="/my-videos">My videos</Link></li>
                {isAdmin(current) && <li><Link href="/admin">Moderation</Link></li>}
                <li><button type="button" class="linkish" onClick={signOut}>Sign out</button></li>
              </ul>
            </details>
          </>
        ) : (
          <>
            <Link href="/signin" class="button secondary">Sign in</Link>
            <Link href="/signup" class="button">Sign up</Link>
          </>
        )}
      </nav>
    </header>
  );
}
