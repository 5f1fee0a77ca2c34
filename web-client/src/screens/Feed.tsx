// Home: the caller's timeline by cursor, with new items from the live stream held above it until the person asks.
import { useEffect, useState } from 'preact/hooks';
import { api, stream, type CommunitySchemas, type EventSchemas, type FeedSchemas } from '../api';
import { t, useLang } from '../i18n';
import { Avatar, ErrorBox, LikeButton, MediaGrid, PagedList, Time, useAction, usePaged, type Media } from '../ui';

/** A feed item; `authorProfile` is served beside `author` (API.md) but not in feed-service's document. */
export type FeedItem = FeedSchemas['FeedItem'] & { authorProfile?: FeedAuthor };
type FeedAuthor = CommunitySchemas['AuthorProfile'];

/** The id a post-backed item answers to (feed ids may carry a kind prefix). */
function postId(item: FeedItem): string {
  const id = item.id ?? '';
  const i = id.indexOf(':');
  return i >= 0 ? id.slice(i + 1) : id;
}

export function price(cents: number, currency: string) {
  return `${currency === 'CNY' ? '¥' : currency + ' '}${(cents / 100).toFixed(2)}`;
}

/** RSVP from the card itself; the activity's page has guests, cancelling and the rest. */
function RsvpInPlace({ activityId, onRsvp }: { activityId: string; onRsvp: () => void }) {
  useLang();
  const act = useAction();
  const [rsvp, setRsvp] = useState<EventSchemas['RsvpView'] | null>(null);
  const go = async () => {
    onRsvp();
    const r = await act.run(() => api.put('/api/activities/{id}/rsvps/me', { guests: 0 }, { path: { id: activityId } }));
    if (r) setRsvp(r);
  };
  return (
    <div aria-live="polite">
      {rsvp ? (
        <p class="rsvp-status">{rsvp.status === 'GOING' ? t('activity.you.going', { n: 0 })
          : t('activity.you.waitlisted', { n: rsvp.waitlistPosition ?? '?' })}</p>
      ) : (
        <button type="button" class="primary" disabled={act.busy} onClick={go}>{t('activity.rsvp')}</button>
      )}
      <a href={`/a/${activityId}`}>{t('activity.details')}</a>
      <ErrorBox error={act.error} />
    </div>
  );
}

export function FeedCard({ item }: { item: FeedItem }) {
  useLang();
  const [clicked, setClicked] = useState(false);
  // A served sponsored card reports its first click, once.
  const report = () => {
    if (!item.sponsored || clicked || !item.impressionId) return;
    setClicked(true);
    void api.post('/api/feeds/me/sponsored/{impressionId}/click', undefined, { path: { impressionId: item.impressionId } }).catch(() => undefined);
  };
  const who = item.authorProfile?.displayName ?? item.author ?? '';
  const source = item.community
    ? <a href={`/c/${item.community.id}`} onClick={report}>{item.community.name}</a>
    : item.merchant ? <a href={`/m/${item.merchant.id}`} onClick={report}>{item.merchant.name}</a> : null;
  return (
    <article class={`card feed ${(item.kind ?? '').toLowerCase()}${item.sponsored ? ' sponsored' : ''}`} data-kind={item.kind}>
      {item.sponsored && <p class="badge">{t('feed.sponsored')}</p>}
      {item.kind === 'REMINDER' && <p class="badge reminder">{t('feed.reminder')}</p>}
      <header>
        <Avatar name={who || item.merchant?.name || '?'} url={item.authorProfile?.avatarUrl} />
        <div>
          {who && <a class="who" href={`/u/${encodeURIComponent(item.authorProfile?.id ?? item.author ?? '')}`}>{who}</a>}
          <div class="meta">{source} · <Time at={item.publishedAt} /></div>
        </div>
      </header>
      {item.text && <p class="text">{item.text}</p>}
      <MediaGrid media={item.media} />
      {item.products?.length ? (
        <ul class="products" aria-label={t('merchant.products')}>
          {item.products.map((p) => <li>{p.title} · {price(p.priceCents ?? 0, p.currency ?? '')}</li>)}
        </ul>
      ) : null}
      {item.activity && (
        <div class="activity-box">
          <strong>{item.activity.title}</strong>
          <div><Time at={item.activity.startsAt} /> · {item.activity.venue?.name}</div>
          <RsvpInPlace activityId={item.activity.id ?? ''} onRsvp={report} />
        </div>
      )}
      {item.kind === 'COMMUNITY_POST' && (
        <footer>
          <LikeButton postId={postId(item)} />
          <a href={`/post/${postId(item)}`}>{t('post.comments')}</a>
        </footer>
      )}
      {item.sponsored && item.kind === 'MERCHANT_POST' && item.merchant && (
        <footer><a href={`/m/${item.merchant.id}`} onClick={report}>{t('feed.visit')}</a></footer>
      )}
    </article>
  );
}

export function Feed() {
  useLang();
  const list = usePaged<FeedItem>('/api/feeds/me', { limit: 20 });
  const [fresh, setFresh] = useState<FeedItem[]>([]);
  useEffect(() => stream('/api/feeds/me/stream', (item: FeedItem) => {
    if (item && item.id) setFresh((f) => (f.some((x) => x.id === item.id) ? f : [item, ...f]));
  }), []);
  const showFresh = () => {
    const known = new Set(list.items.map((i) => i.id));
    list.setItems([...fresh.filter((i) => !known.has(i.id)), ...list.items]);
    setFresh([]);
    window.scrollTo(0, 0);
  };
  return (
    <main>
      <h1>{t('feed.title')}</h1>
      <div aria-live="polite">
        {fresh.length > 0 && (
          <button type="button" class="fresh" onClick={showFresh}>{t('feed.new', { n: fresh.length })}</button>
        )}
      </div>
      <PagedList list={list} label={t('feed.title')} empty={t('feed.empty')} render={(i) => <FeedCard item={i} />} />
    </main>
  );
}
