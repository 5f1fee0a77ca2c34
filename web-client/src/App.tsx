// The shell: the header (bell, language), the tab bar, and the screen the path names.
import { useEffect } from 'preact/hooks';
import { session } from './auth';
import { lang, setLang, t, useLang } from './i18n';
import { match, onLink, route } from './router';
import { useStore } from './state';
import { ActivityPage } from './screens/Activity';
import { CommunityPage, NewCommunity, PostPage } from './screens/Community';
import { Composer } from './screens/Composer';
import { Discover } from './screens/Discover';
import { Feed } from './screens/Feed';
import { Admin, MerchantPage, Onboarding } from './screens/Merchant';
import { Bell, Notifications, useUnreadCount } from './screens/Notifications';
import { Blocks, Me, PersonPage } from './screens/People';
import { SignIn } from './screens/SignIn';

function screen(path: string) {
  let p: Record<string, string> | null;
  if (path.split('?')[0] === '/') return <Feed />;
  if (match('/discover', path)) return <Discover />;
  if (match('/c/new', path)) return <NewCommunity />;
  if ((p = match('/c/:id/compose', path))) return <Composer key={p.id} communityId={p.id} />;
  if ((p = match('/c/:id', path))) return <CommunityPage key={p.id} id={p.id} />;
  if ((p = match('/post/:id', path))) return <PostPage key={p.id} id={p.id} />;
  if ((p = match('/a/:id', path))) return <ActivityPage key={p.id} id={p.id} />;
  if (match('/notifications', path)) return <Notifications />;
  if (match('/me', path)) return <Me />;
  if (match('/me/blocks', path)) return <Blocks />;
  if ((p = match('/u/:id', path))) return <PersonPage key={p.id} id={p.id} />;
  if (match('/merchant/new', path)) return <Onboarding />;
  if ((p = match('/m/:id/compose', path))) return <Composer key={p.id} merchantId={p.id} />;
  if ((p = match('/m/:id', path))) return <MerchantPage key={p.id} id={p.id} />;
  if (match('/admin', path)) return <Admin />;
  return <main><h1>{t('error.404')}</h1><a href="/">{t('nav.home')}</a></main>;
}

function Signed({ path }: { path: string }) {
  useUnreadCount();
  const here = (prefix: string) => (prefix === '/' ? path === '/' : path.startsWith(prefix)) ? 'page' : undefined;
  return (
    <>
      <header class="top">
        <a href="/" class="brand">{t('app.name')}</a>
        <Bell />
        <button type="button" class="lang" onClick={() => setLang(lang.value === 'zh' ? 'en' : 'zh')}
          lang={lang.value === 'zh' ? 'en' : 'zh-CN'}>{t('lang.switch')}</button>
      </header>
      {screen(path)}
      <nav class="tabbar" aria-label={t('nav.label')}>
        <a href="/" aria-current={here('/')}>{t('nav.home')}</a>
        <a href="/discover" aria-current={here('/discover')}>{t('nav.discover')}</a>
        <a href="/notifications" aria-current={here('/notifications')}>{t('nav.notifications')}</a>
        <a href="/me" aria-current={here('/me')}>{t('nav.me')}</a>
      </nav>
    </>
  );
}

export function App() {
  const l = useLang();
  const path = useStore(route);
  const s = useStore(session);
  useEffect(() => {
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    document.title = t('app.name');
  }, [l]);
  return (
    <div class="app" onClick={onLink as any}>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.querySelector('main')?.focus(); }}>{t('nav.skip')}</a>
      {s ? <Signed key={s.user} path={path} /> : (
        <>
          <header class="top">
            <span class="brand">{t('app.name')}</span>
            <button type="button" class="lang" onClick={() => setLang(lang.value === 'zh' ? 'en' : 'zh')}>{t('lang.switch')}</button>
          </header>
          <SignIn />
        </>
      )}
    </div>
  );
}
