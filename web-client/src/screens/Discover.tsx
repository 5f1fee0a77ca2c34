// Discover: interest chips, a city or the person's position, Chinese-aware search, recommendations, trending topics
// and explore.
import { useState } from 'preact/hooks';
import { api, type CommunitySchemas } from '../api';
import { interestName, t, useLang } from '../i18n';
import { Chips, Empty, ErrorBox, Field, Loading, PagedList, Tabs, useLoad, usePaged } from '../ui';
import { FeedCard, type FeedItem } from './Feed';

/** A community as its page (CommunityView) or a list (CommunitySummary) shows it. */
export type Community = CommunitySchemas['CommunityView'] | CommunitySchemas['CommunitySummary'];

export function CommunityRow({ c }: { c: Community }) {
  useLang();
  return (
    <a class="card row" href={`/c/${c.id}`}>
      <strong>{c.name}</strong>
      <span class="meta">
        {c.city}{c.memberCount !== undefined ? ` · ${t('community.members.count', { n: c.memberCount })}` : ''}
        {c.visibility === 'PRIVATE' ? ` · ${t('community.private')}` : ''}
      </span>
      <Chips ids={c.interests} />
    </a>
  );
}

function Recommended() {
  useLang();
  const r = useLoad(() => api.get('/api/communities/recommended', { query: { limit: '5' } }), []);
  return (
    <section aria-labelledby="rec">
      <h2 id="rec">{t('discover.recommended')}</h2>
      {r.loading ? <Loading /> : r.error ? <ErrorBox error={r.error} onRetry={r.reload} />
        : !r.data?.items?.length ? <Empty /> : <ul class="list">{r.data.items.map((c) => <li><CommunityRow c={c} /></li>)}</ul>}
    </section>
  );
}

function Trending({ city }: { city: string }) {
  useLang();
  const r = useLoad(() => api.get('/api/topics/trending', { query: { city } }), [city]);
  return (
    <section aria-labelledby="trend">
      <h2 id="trend">{t('discover.trending')}</h2>
      {r.loading ? <Loading /> : r.error ? <ErrorBox error={r.error} onRetry={r.reload} />
        : !r.data?.items?.length ? <Empty /> : (
          <ul class="chips">{r.data.items.map((x) => <li class="chip">#{x.tag} · {x.postCount}</li>)}</ul>
        )}
    </section>
  );
}

export function Discover() {
  useLang();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [interest, setInterest] = useState('');
  const [city, setCity] = useState('');
  const [near, setNear] = useState('');
  const [geoNote, setGeoNote] = useState('');
  const [tab, setTab] = useState<'communities' | 'explore'>('communities');
  const interests = useLoad(() => api.get('/api/interests'), []);
  const list = usePaged<Community>(tab === 'communities' ? '/api/communities' : null, {
    q: query, interest, city: near ? '' : city, near, radiusKm: near ? 25 : undefined, sort: near ? 'nearby' : undefined,
  });
  const explore = usePaged<FeedItem>(tab === 'explore' ? '/api/feeds/explore' : null, { city, interest });
  const nearMe = () => {
    setGeoNote('');
    if (!navigator.geolocation) {
      setGeoNote(t('discover.geo.unavailable'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => setNear(`${p.coords.latitude.toFixed(4)},${p.coords.longitude.toFixed(4)}`),
      () => {
        setNear('');
        setGeoNote(t('discover.geo.denied'));
      },
      { timeout: 8000, maximumAge: 600_000 },
    );
  };
  return (
    <main>
      <h1>{t('discover.title')}</h1>
      <form role="search" class="search" onSubmit={(e) => { e.preventDefault(); setQuery(q.trim()); setTab('communities'); }}>
        <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} aria-label={t('discover.search')}
          placeholder={t('discover.search.placeholder')} maxLength={100} />
        <button type="submit">{t('action.search')}</button>
      </form>
      <div class="filters">
        <Field label={t('discover.city')}>
          <input value={city} onChange={(e) => { setCity(e.currentTarget.value.trim()); setNear(''); }} maxLength={60}
            placeholder={t('discover.city.placeholder')} />
        </Field>
        <button type="button" onClick={nearMe} aria-pressed={!!near}>{near ? t('discover.near.on') : t('discover.near')}</button>
        {near && <button type="button" class="link" onClick={() => setNear('')}>{t('action.clear')}</button>}
      </div>
      {geoNote && <p class="note" role="status">{geoNote}</p>}
      <div class="chips scroll" role="group" aria-label={t('discover.interests')}>
        {interests.loading && <Loading />}
        <ErrorBox error={interests.error} onRetry={interests.reload} />
        {interests.data?.items?.map((i) => (
          <button type="button" class={interest === i.id ? 'chip on' : 'chip'} aria-pressed={interest === i.id}
            onClick={() => setInterest(interest === i.id ? '' : i.id ?? '')}>{interestName(i.id ?? '', i.name)}</button>
        ))}
      </div>
      <Tabs label={t('discover.title')} value={tab} onChange={setTab}
        tabs={[['communities', t('discover.communities')], ['explore', t('discover.explore')]]} />
      {tab === 'communities' ? (
        <PagedList list={list} label={t('discover.communities')} empty={t('discover.none')} render={(c) => <CommunityRow c={c} />} />
      ) : (
        <PagedList list={explore} label={t('discover.explore')} render={(i) => <FeedCard item={i} />} />
      )}
      <Recommended />
      <Trending city={city} />
      <p><a class="button" href="/c/new">{t('community.create')}</a></p>
    </main>
  );
}
