import { Link } from '../router';
import { useTitle } from '../hooks';

export function NotFound() {
  useTitle('Not found');
  return (
    <section>
      <h1>Page not found</h1>
      <p><Link href="/">Go home</Link></p>
    </section>
  );
}
