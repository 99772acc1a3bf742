import { useState } from 'preact/hooks';
import { ApiError, post } from '../api';
import { useTitle } from '../hooks';
import { Link, navigate } from '../router';
import { storeTokens, type Tokens } from '../session';

function Field({ id, label, type = 'text', value, onInput, error, autocomplete }: {
  id: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  value: string;
  onInput: (v: string) => void;
  error?: string;
  autocomplete: string;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} name={id} type={type as "text"} required value={value} autocomplete={autocomplete}
        aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined}
        onInput={(e) => onInput((e.target as HTMLInputElement).value)} />
      {error && <p id={`${id}-error`} class="error">{error}</p>}
    </div>
  );
}

async function login(usernameOrEmail: string, password: string) {
  storeTokens(await post<Tokens>('/v1/users:login', { usernameOrEmail, password }));
  navigate('/');
}

export function SignIn() {
  useTitle('Sign in');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  return (
    <section class="auth" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      <form class="stack" onSubmit={async (e) => {
        e.preventDefault();
        setError('');
        try {
          await login(name, password);
        } catch (err) {
          setError(err instanceof ApiError && err.status === 401 ? 'Wrong username or password.' : (err as Error).message);
        }
      }}>
        <Field id="username" label="Username or email" value={name} onInput={setName} autocomplete="username" />
        <Field id="password" label="Password" type="password" value={password} onInput={setPassword} autocomplete="current-password" />
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit">Sign in</button>
      </form>
      <p>New here? <Link href="/signup">Create an account</Link></p>
    </section>
  );
}

export function SignUp() {
  useTitle('Sign up');
  const [form, setForm] = useState({ username: '', email: '', displayName: '', password: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  return (
    <section class="auth" aria-labelledby="signup-title">
      <h1 id="signup-title">Create an account</h1>
      <form class="stack" onSubmit={async (e) => {
        e.preventDefault();
        setError('');
        setErrors({});
        try {
          await post('/v1/users:register', { ...form, requestId: crypto.randomUUID() });
          await login(form.username, form.password);
        } catch (err) {
          if (err instanceof ApiError) setErrors(err.fieldViolations());
          setError((err as Error).message);
        }
      }}>
        <Field id="username" label="Username" value={form.username} onInput={set('username')} error={errors.username} autocomplete="username" />
        <Field id="email" label="Email" type="email" value={form.email} onInput={set('email')} error={errors.email} autocomplete="email" />
        <Field id="displayName" label="Display name" value={form.displayName} onInput={set('displayName')} error={errors.display_name} autocomplete="nickname" />
        <Field id="password" label="Password (at least 12 characters)" type="password" value={form.password} onInput={set('password')} error={errors.password} autocomplete="new-password" />
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit">Sign up</button>
      </form>
      <p>Already have an account? <Link href="/signin">Sign in</Link></p>
    </section>
  );
}
