// Notifications: the bell's unread count stays live from the stream; the list marks one or all read.
import { useEffect } from 'preact/hooks';
import { api, stream, type NotificationSchemas } from '../api';
import { t, useLang } from '../i18n';
import { store, useStore } from '../state';
import { ErrorBox, PagedList, Time, useAction, usePaged } from '../ui';

export const unread = store(0);

type Notification = NotificationSchemas['NotificationView'];

/** Keeps the unread count current while someone is signed in. */
export function useUnreadCount() {
  useEffect(() => {
    api.get('/api/notifications/unread-count').then((r) => unread.set(r.count ?? 0), () => undefined);
    return stream('/api/notifications/stream', (data) => {
      if (data && typeof data.count === 'number' && !data.id) unread.set(data.count);
      else if (data && typeof data.unreadCount === 'number') unread.set(data.unreadCount);
      else if (data && data.id) unread.set(unread.value + 1);
    });
  }, []);
}

export function Bell() {
  useLang();
  const n = useStore(unread);
  return (
    <a href="/notifications" class="bell" aria-label={t('notifications.bell', { n })}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="currentColor" stroke-width="2"
        stroke-linecap="round" stroke-linejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {n > 0 && <span class="count" aria-hidden="true">{n > 99 ? '99+' : n}</span>}
    </a>
  );
}

function link(n: Notification): string | null {
  if (n.activity) return `/a/${n.activity.id}`;
  if (n.subject?.kind === 'POST') return `/post/${n.subject.id}`;
  if (n.community) return `/c/${n.community.id}`;
  if (n.merchant) return `/m/${n.merchant.id}`;
  return null;
}

export function Notifications() {
  useLang();
  const list = usePaged<Notification>('/api/notifications', { limit: 20 });
  const act = useAction();
  const markRead = async (n: Notification) => {
    if (n.read) return;
    await act.run(() => api.post('/api/notifications/{id}/read', undefined, { path: { id: n.id! } }));
    list.setItems(list.items.map((x) => (x.id === n.id ? { ...x, read: true } : x)));
    unread.set(Math.max(0, unread.value - 1));
  };
  const readAll = async () => {
    const r = await act.run(() => api.post('/api/notifications/read-all', undefined).then(() => true));
    if (r) {
      list.setItems(list.items.map((x) => ({ ...x, read: true })));
      unread.set(0);
    }
  };
  return (
    <main>
      <h1>{t('notifications.title')}</h1>
      <button type="button" onClick={readAll} disabled={act.busy}>{t('notifications.read.all')}</button>
      <ErrorBox error={act.error} />
      <PagedList list={list} label={t('notifications.title')} empty={t('notifications.empty')} render={(n) => {
        const href = link(n);
        const words = t(`notification.${n.type}` as any, {
          who: (n.actors ?? []).map((a) => a.displayName ?? a.id).join('、'), n: n.count ?? 1,
          what: n.activity?.title ?? n.community?.name ?? n.merchant?.name ?? '',
        });
        return (
          <div class={n.read ? 'card note' : 'card note unread'}>
            <p>{href ? <a href={href} onClick={() => void markRead(n)}>{words}</a> : words}</p>
            {n.text && <p class="text">{n.text}</p>}
            <Time at={n.createdAt} />
            {!n.read && <button type="button" class="link" onClick={() => markRead(n)}>{t('notifications.mark.read')}</button>}
          </div>
        );
      }} />
    </main>
  );
}
