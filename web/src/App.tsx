import { Header } from './components/Header';
import { useLocation } from './router';
import { Home } from './pages/Home';
import { SearchPage } from './pages/Search';
import { Watch } from './pages/Watch';
import { Channel } from './pages/Channel';
import { UploadPage } from './pages/Upload';
import { MyVideos } from './pages/MyVideos';
import { Notifications } from './pages/Notifications';
import { SignIn, SignUp } from './pages/Auth';
import { Admin } from './pages/Admin';
import { NotFound } from './pages/NotFound';

function Page() {
  const { path } = useLocation();
  const [, first, second] = path.split('/');
  switch (first) {
    case '':
      return <Home />;
    case 'search':
      return <SearchPage />;
    case 'watch':
      return second ? <Watch key={second} videoId={second} /> : <NotFound />;
    case 'channel':
      return second ? <Channel key={second} channelId={second} /> : <NotFound />;
    case 'upload':
      return <UploadPage />;
    case 'my-videos':
      return <MyVideos />;
    case 'notifications':
      return <Notifications />;
    case 'signin':
      return <SignIn />;
    case 'signup':
      return <SignUp />;
    case 'admin':
      return <Admin />;
    default:
      return <NotFound />;
  }
}

export function App() {
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Page />
      </main>
    </>
  );
}
