// Sign-in: in local runs a development sign-in (pick or type a user; the admin box adds platform-admin), otherwise
// OpenID Connect.
import { useEffect, useState } from 'preact/hooks';
import { authConfig, devSignIn, oidcCallback, oidcSignIn, signIn, type AuthConfig } from '../auth';
import { t, useLang } from '../i18n';
import { navigate } from '../router';
import { ErrorBox, Field, Loading } from '../ui';

const SUGGESTED = ['alice', 'bob', 'carol', 'dave', 'merchant-mei', 'admin'];

export function SignIn() {
  useLang();
  const [cfg, setCfg] = useState<AuthConfig | null>(null);
  const [user, setUser] = useState('');
  const [admin, setAdmin] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [pasted, setPasted] = useState('');
  useEffect(() => {
    void authConfig().then((c) => {
      setCfg(c);
      if (c.mode === 'oidc' && location.pathname === '/auth/callback') {
        oidcCallback(c).then(() => navigate('/', true), setError);
      }
    });
  }, []);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await devSignIn(user.trim(), admin);
      navigate(location.pathname === '/signin' ? '/' : location.pathname + location.search, true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="signin">
      <h1>{t('app.name')}</h1>
      <p>{t('signin.tagline')}</p>
      {!cfg ? <Loading /> : cfg.mode === 'dev' ? (
        <form class="stack" onSubmit={submit}>
          <h2>{t('signin.dev')}</h2>
          <p class="note">{t('signin.dev.note')}</p>
          <Field label={t('signin.user')}>
            <input name="user" value={user} onInput={(e) => setUser(e.currentTarget.value)} required maxLength={64}
              pattern="[\p{L}\p{N}._\-]{1,64}" list="users" autoComplete="username" />
          </Field>
          <datalist id="users">{SUGGESTED.map((u) => <option value={u} />)}</datalist>
          <div class="chips">
            {SUGGESTED.map((u) => <button type="button" class="chip" onClick={() => setUser(u)}>{u}</button>)}
          </div>
          <label class="check"><input type="checkbox" checked={admin} onChange={(e) => setAdmin(e.currentTarget.checked)} /> {t('signin.admin')}</label>
          <button type="submit" class="primary" disabled={busy}>{t('signin.go')}</button>
        </form>
      ) : cfg.mode === 'token' ? (
        <form class="stack" onSubmit={(e) => {
          e.preventDefault();
          try {
            signIn(pasted.trim());
            navigate('/', true);
          } catch {
            setError(new Error(t('signin.token.bad')));
          }
        }}>
          <Field label={t('signin.token')} hint={t('signin.token.hint')}>
            <input type="password" value={pasted} onInput={(e) => setPasted(e.currentTarget.value)} required autoComplete="off" />
          </Field>
          <button type="submit" class="primary">{t('signin.go')}</button>
        </form>
      ) : cfg.mode === 'oidc' ? (
        <button type="button" class="primary" onClick={() => oidcSignIn(cfg).catch(setError)}>{t('signin.oidc')}</button>
      ) : (
        <p>{t('signin.unavailable')}</p>
      )}
      <ErrorBox error={error} />
    </main>
  );
}
