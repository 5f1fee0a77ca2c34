// The pieces every screen shares: loading/empty/error states, paged lists with infinite scroll, cards for posts and
// feed items. User text is always a text node (JSX escapes it); nothing here sets HTML.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, get, post, type CommunitySchemas, type Page } from './api';
import { t, interestName, useLang } from './i18n';

export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return t('error.network');
    const prefix =
      e.status === 401 ? t('error.401') : e.status === 403 ? t('error.403') : e.status === 404 ? t('error.404')
        : e.status === 409 ? t('error.409') : e.status === 429 ? t('error.429') : e.status >= 500 ? t('error.5xx')
          : t('error.4xx');
    return `${prefix}: ${e.message}`;
  }
  return e instanceof Error ? e.message : String(e);
}

export function Loading() {
  useLang();
  return <p class="state loading" role="status" aria-live="polite">{t('state.loading')}</p>;
}

export function Empty({ text }: { text?: string }) {
  useLang();
  return <p class="state empty">{text ?? t('state.empty')}</p>;
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  useLang();
  if (!error) return null;
  return (
    <div class="error" role="alert">
      <span>{errorText(error)}</span>
      {onRetry && <button type="button" class="link" onClick={onRetry}>{t('action.retry')}</button>}
    </div>
  );
}

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    load().then(
      (d) => live && (setData(d), setLoading(false)),
      (e) => live && (setError(e), setLoading(false)),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { data, error, loading, reload: () => setTick((x) => x + 1), setData };
}

/** A cursor-paged list: the first page on mount, the next when the sentinel scrolls into view. */
export function usePaged<T>(path: string | null, query: Record<string, any> = {}, deps: unknown[] = []) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const fetchPage = useCallback(
    async (from: string | null, gen: number) => {
      if (!path) return;
      setLoading(true);
      setError(null);
      try {
        const page = await get<Page<T>>(path, { ...query, cursor: from ?? undefined });
        if (gen !== generation.current) return;
        setItems((old) => (from ? [...old, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setDone(!page.nextCursor);
      } catch (e) {
        if (gen === generation.current) setError(e);
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    [path, JSON.stringify(query)],
  );
  const reset = () => {
    generation.current++;
    setItems([]);
    setCursor(null);
    setDone(false);
    void fetchPage(null, generation.current);
  };
  useEffect(reset, [path, JSON.stringify(query), ...deps]);
  const more = () => {
    if (!loading && !done && cursor) void fetchPage(cursor, generation.current);
  };
  return { items, setItems, loading, error, done, more, reload: reset };
}

type Paged<T> = ReturnType<typeof usePaged<T>>;

export function PagedList<T>({ list, render, empty, label }: {
  list: Paged<T>; render: (item: T) => ComponentChildren; empty?: string; label: string;
}) {
  useLang();
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !('IntersectionObserver' in window)) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && list.more());
    io.observe(el);
    return () => io.disconnect();
  });
  return (
    <section aria-label={label}>
      <ul class="list">{list.items.map((i) => <li>{render(i)}</li>)}</ul>
      {list.loading && <Loading />}
      <ErrorBox error={list.error} onRetry={list.reload} />
      {!list.loading && !list.error && list.items.length === 0 && <Empty text={empty} />}
      {!list.done && !list.loading && list.items.length > 0 && (
        <button type="button" class="more" onClick={list.more}>{t('action.more')}</button>
      )}
      <div ref={sentinel} class="sentinel" />
    </section>
  );
}

export function Time({ at }: { at?: string }) {
  const lang = useLang();
  if (!at) return null;
  const d = new Date(at);
  return <time dateTime={at}>{d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' })}</time>;
}

export function Avatar({ name, url }: { name: string; url?: string | null }) {
  if (url && url.startsWith('/')) return <img class="avatar" src={url} alt="" width={36} height={36} />;
  return <span class="avatar" aria-hidden="true">{(name || '?').slice(0, 1).toUpperCase()}</span>;
}

/** A post's or feed item's media as the documents declare it; the composer's preview adds a thumbnail. */
export type Media = CommunitySchemas['Media'] & { thumbnailUrl?: string };

/** Images and videos from this origin only (the CSP allows no other); anything else is a plain link. */
export function MediaGrid({ media }: { media?: Media[] }) {
  useLang();
  if (!media?.length) return null;
  return (
    <div class={`media n${Math.min(media.length, 3)}`}>
      {media.map((m, i) =>
        !m.url?.startsWith('/') ? (
          <a href={m.url} rel="noopener noreferrer" target="_blank">{t('media.external')}</a>
        ) : m.type === 'VIDEO' ? (
          <video src={m.url} poster={m.coverUrl?.startsWith('/') ? m.coverUrl : undefined} controls preload="none" />
        ) : (
          <img src={m.thumbnailUrl?.startsWith('/') ? m.thumbnailUrl : m.url} alt={t('media.photo', { n: i + 1 })} loading="lazy" />
        ),
      )}
    </div>
  );
}

export function Chips({ ids }: { ids?: string[] }) {
  useLang();
  if (!ids?.length) return null;
  return <span class="chips">{ids.map((i) => <span class="chip">{interestName(i)}</span>)}</span>;
}

export type PostView = CommunitySchemas['PostView'];

export function LikeButton({ postId, count }: { postId: string; count?: number }) {
  useLang();
  const [liked, setLiked] = useState(false);
  const [n, setN] = useState<number | undefined>(count);
  const [error, setError] = useState<unknown>(null);
  const toggle = async () => {
    setError(null);
    try {
      const r = liked
        ? await api.delete('/api/posts/{postId}/reactions/me', { path: { postId } })
        : await api.put('/api/posts/{postId}/reactions/me', { type: 'LIKE' }, { path: { postId } });
      setLiked(!liked);
      if (r && typeof r.reactionCount === 'number') setN(r.reactionCount);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <button type="button" class={liked ? 'like on' : 'like'} aria-pressed={liked} onClick={toggle}>
        {liked ? '♥' : '♡'} {t('post.like')}{n !== undefined ? ` ${n}` : ''}
      </button>
      <ErrorBox error={error} />
    </>
  );
}

export function PostCard({ p }: { p: PostView }) {
  useLang();
  const author = p.authorProfile?.displayName ?? p.authorId ?? '';
  const authorId = p.authorProfile?.id ?? p.authorId;
  return (
    <article class="card post">
      <header>
        <Avatar name={author} url={p.authorProfile?.avatarUrl} />
        <a href={`/u/${encodeURIComponent(authorId ?? '')}`} class="who">{author}</a>
        <Time at={p.createdAt} />
      </header>
      <p class="text">{p.text}</p>
      <MediaGrid media={p.media} />
      <footer>
        <LikeButton postId={p.id ?? ''} count={p.likeCount} />
        <a href={`/post/${p.id}`}>{t('post.comments')}{p.commentCount !== undefined ? ` ${p.commentCount}` : ''}</a>
      </footer>
    </article>
  );
}

export function Field({ label, children, hint }: { label: string; children: ComponentChildren; hint?: string }) {
  return (
    <label class="field">
      <span>{label}</span>
      {children}
      {hint && <small>{hint}</small>}
    </label>
  );
}

export function Tabs<K extends string>({ tabs, value, onChange, label }: {
  tabs: [K, string][]; value: K; onChange: (k: K) => void; label: string;
}) {
  return (
    <div class="tabs" role="tablist" aria-label={label}>
      {tabs.map(([k, name]) => (
        <button type="button" role="tab" aria-selected={k === value} class={k === value ? 'on' : ''} onClick={() => onChange(k)}>
          {name}
        </button>
      ))}
    </div>
  );
}

/** Runs an action, shows its failure in words, and reports busy while it runs. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError };
}

export { post };
