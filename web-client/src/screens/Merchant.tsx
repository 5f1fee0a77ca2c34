// Merchants: onboarding (the licence checked before submitting, then the server's answer shown), a merchant's page
// (follow, posts, products) and, for its owner, the console: posts, products (own or adopted from a sourcing offer),
// activities it hosts (a tasting, a workshop), followers and promotions (targeting, budget, pause/resume, results per
// day as a chart).
import { useState } from 'preact/hooks';
import { api, idempotent, type EventSchemas, type MerchantSchemas } from '../api';
import { session } from '../auth';
import { interestName, t, useLang } from '../i18n';
import { Empty, ErrorBox, Field, Loading, PagedList, Tabs, Time, useAction, useLoad, usePaged } from '../ui';
import { FeedCard, price, type FeedItem } from './Feed';

export type Merchant = MerchantSchemas['MerchantView'];
type Product = MerchantSchemas['ProductView'];
type Offer = MerchantSchemas['OfferView'];
type Stats = MerchantSchemas['PromotionStats'];
type Day = MerchantSchemas['Day'];
// The creating POSTs answer a bare Response in the documents (no schema): their bodies are these views.
const as = <T,>(p: Promise<unknown>) => p as Promise<T>;

// The API has no "merchants I own" list: the browser remembers the ones this person onboarded, and the promotions
// they launched, per user.
const remembered = (kind: string) => `circles.${kind}.${session.value?.user ?? ''}`;
function recall<T>(kind: string): T[] {
  try {
    return JSON.parse(localStorage.getItem(remembered(kind)) ?? '[]');
  } catch {
    return [];
  }
}
function remember<T extends { id: string }>(kind: string, item: T) {
  localStorage.setItem(remembered(kind), JSON.stringify([item, ...recall<T>(kind).filter((x) => x.id !== item.id)].slice(0, 20)));
}
export const myMerchants = () => recall<{ id: string; name: string }>('merchants');

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Why a unified social credit code (GB 32100-2015) is not valid, or null: the same rule the server applies. */
export function licenceProblem(code: string): string | null {
  const c = code.trim().toUpperCase();
  if (c.length !== 18) return t('merchant.licence.length');
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const v = ALPHABET.indexOf(c[i]);
    if (v < 0) return t('merchant.licence.char', { n: i + 1, c: c[i] });
    if (i < 17) sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31] === c[17] ? null : t('merchant.licence.check');
}

const CATEGORIES = ['cafe', 'bakery', 'bookstore', 'florist', 'sports-shop', 'restaurant', 'bar', 'outdoor-gear', 'studio'];

export function Onboarding() {
  useLang();
  const [f, setF] = useState({ name: '', category: 'cafe', city: '', licenseNumber: '' });
  const [touched, setTouched] = useState(false);
  const [result, setResult] = useState<Merchant | null>(null);
  const act = useAction();
  const problem = licenceProblem(f.licenseNumber);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setTouched(true);
    if (problem) return;
    const m = await act.run(() => as<Merchant>(api.post('/api/merchants', {
      ...f, licenseNumber: f.licenseNumber.trim().toUpperCase(), location: { lat: 30.25, lon: 120.16 },
    }, undefined, idempotent())));
    if (m) {
      remember('merchants', { id: m.id ?? '', name: m.name ?? '' });
      setResult(m);
    }
  };
  if (result) {
    return (
      <main>
        <h1>{t('merchant.onboard')}</h1>
        <p role="status" class={result.status === 'ACTIVE' ? 'badge ok' : 'badge'}>{t(`merchant.status.${result.status}` as any)}</p>
        <p>{t(result.status === 'ACTIVE' ? 'merchant.onboarded.active' : 'merchant.onboarded.pending')}</p>
        <a class="button primary" href={`/m/${result.id}`}>{t('merchant.console')}</a>
      </main>
    );
  }
  return (
    <main>
      <h1>{t('merchant.onboard')}</h1>
      <form class="stack" onSubmit={submit} noValidate>
        <Field label={t('merchant.name')}><input value={f.name} onInput={set('name')} required maxLength={100} /></Field>
        <Field label={t('merchant.category')}>
          <select value={f.category} onChange={set('category')}>
            {CATEGORIES.map((c) => <option value={c}>{t(`category.${c}` as any)}</option>)}
          </select>
        </Field>
        <Field label={t('discover.city')}><input value={f.city} onInput={set('city')} required maxLength={60} /></Field>
        <Field label={t('merchant.licence')} hint={t('merchant.licence.hint')}>
          <input value={f.licenseNumber} onInput={set('licenseNumber')} onBlur={() => setTouched(true)} required maxLength={18}
            aria-invalid={touched && !!problem} autoComplete="off" />
        </Field>
        {touched && problem && <p class="error" role="alert">{problem}</p>}
        {!problem && <p class="ok" role="status">{t('merchant.licence.ok')}</p>}
        <button type="submit" class="primary" disabled={act.busy}>{t('merchant.submit')}</button>
        <ErrorBox error={act.error} />
      </form>
    </main>
  );
}

function Products({ m, owner }: { m: Merchant; owner: boolean }) {
  useLang();
  const list = usePaged<Product>(`/api/merchants/${m.id}/products`);
  const [f, setF] = useState({ title: '', price: '', stock: '10' });
  const [q, setQ] = useState('');
  const [offerQuery, setOfferQuery] = useState<string | null>(null);
  const offers = usePaged<Offer>(offerQuery === null ? null : '/api/sourcing/offers', { q: offerQuery ?? '' });
  const act = useAction();
  const cents = (s: string) => Math.round(Number(s) * 100);
  const create = async (e: Event) => {
    e.preventDefault();
    const p = await act.run(() => as<Product>(api.post('/api/merchants/{id}/products', {
      title: f.title, priceCents: cents(f.price), currency: 'CNY', stock: Number(f.stock), images: [],
    }, { path: { id: m.id! } }, idempotent())));
    if (p) { setF({ title: '', price: '', stock: '10' }); list.reload(); }
  };
  const adopt = async (o: Offer) => {
    const p = await act.run(() => as<Product>(api.post('/api/merchants/{id}/products', {
      offerId: o.id, priceCents: Math.round((o.wholesalePriceCents ?? 0) * 1.5), stock: o.minOrder ?? 1,
    }, { path: { id: m.id! } }, idempotent())));
    if (p) list.reload();
  };
  const restock = (p: Product) => act.run(() => api.patch('/api/merchants/{id}/products/{productId}', { stock: (p.stock ?? 0) + 10 }, { path: { id: m.id!, productId: p.id! } })).then(list.reload);
  return (
    <>
      <PagedList list={list} label={t('merchant.products')} empty={t('merchant.products.none')} render={(p) => (
        <div class="row">
          <strong>{p.title}</strong> <span>{price(p.priceCents ?? 0, p.currency ?? '')}</span>
          <span class="meta">{t('merchant.stock', { n: p.stock })}</span>
          {owner && <button type="button" class="link" onClick={() => restock(p)}>{t('merchant.restock')}</button>}
        </div>
      )} />
      {owner && (
        <>
          <h2>{t('merchant.product.new')}</h2>
          <form class="stack" onSubmit={create}>
            <Field label={t('merchant.product.title')}><input value={f.title} onInput={(e) => setF({ ...f, title: e.currentTarget.value })} required maxLength={100} /></Field>
            <Field label={t('merchant.product.price')}><input type="number" min="0.01" step="0.01" value={f.price} onInput={(e) => setF({ ...f, price: e.currentTarget.value })} required /></Field>
            <Field label={t('merchant.product.stock')}><input type="number" min="0" value={f.stock} onInput={(e) => setF({ ...f, stock: e.currentTarget.value })} required /></Field>
            <button type="submit" disabled={act.busy}>{t('action.create')}</button>
          </form>
          <h2>{t('merchant.sourcing')}</h2>
          <form role="search" class="search" onSubmit={(e) => { e.preventDefault(); setOfferQuery(q); }}>
            <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} aria-label={t('merchant.sourcing')} />
            <button type="submit">{t('action.search')}</button>
          </form>
          {offerQuery !== null && (
            <PagedList list={offers} label={t('merchant.sourcing')} render={(o) => (
              <div class="row">
                <strong>{o.title}</strong> <span class="meta">{o.supplier} · {price(o.wholesalePriceCents ?? 0, o.currency ?? '')} · {t('merchant.min.order', { n: o.minOrder })}</span>
                <button type="button" onClick={() => adopt(o)} disabled={act.busy}>{t('merchant.adopt')}</button>
              </div>
            )} />
          )}
        </>
      )}
      <ErrorBox error={act.error} />
    </>
  );
}

/** Impressions and clicks per day as bars: drawn in SVG, no chart library. */
export function Chart({ days: given }: { days: Stats['days'] }) {
  useLang();
  const days: Required<Day>[] = (given ?? []).map((d) => ({ date: d.date ?? '', impressions: d.impressions ?? 0, clicks: d.clicks ?? 0 }));
  if (!days.length) return <Empty text={t('promotion.no.data')} />;
  const max = Math.max(1, ...days.map((d) => d.impressions));
  const w = 300, h = 120, bw = w / days.length;
  return (
    <figure>
      <svg viewBox={`0 0 ${w} ${h + 16}`} role="img" aria-label={t('promotion.chart')}>
        {days.map((d, i) => (
          <g>
            <rect x={i * bw + 2} y={h - (d.impressions / max) * h} width={bw / 2 - 2} height={(d.impressions / max) * h} class="bar-i" />
            <rect x={i * bw + bw / 2} y={h - (d.clicks / max) * h} width={bw / 2 - 2} height={(d.clicks / max) * h} class="bar-c" />
            <text x={i * bw + bw / 2} y={h + 12} text-anchor="middle" font-size="8">{d.date.slice(5)}</text>
          </g>
        ))}
      </svg>
      <figcaption><span class="key-i">■</span> {t('promotion.impressions')} <span class="key-c">■</span> {t('promotion.clicks')}</figcaption>
      <table class="sr-only">
        <thead><tr><th>{t('promotion.date')}</th><th>{t('promotion.impressions')}</th><th>{t('promotion.clicks')}</th></tr></thead>
        <tbody>{days.map((d) => <tr><td>{d.date}</td><td>{d.impressions}</td><td>{d.clicks}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}

function PromotionCard({ id }: { id: string }) {
  useLang();
  const p = useLoad(() => api.get('/api/promotions/{id}', { path: { id } }), [id]);
  const [stats, setStats] = useState<Stats | null>(null);
  const act = useAction();
  const toggle = (verb: 'pause' | 'resume') => act.run(() => verb === 'pause'
    ? api.post('/api/promotions/{id}/pause', undefined, { path: { id } })
    : api.post('/api/promotions/{id}/resume', undefined, { path: { id } })).then((x) => x && p.setData(x));
  const results = () => act.run(() => api.get('/api/promotions/{id}/stats', { path: { id } })).then((s) => s && setStats(s));
  if (p.loading && !p.data) return <Loading />;
  if (p.error) return <ErrorBox error={p.error} onRetry={p.reload} />;
  const x = p.data!;
  return (
    <div class="card">
      <p><span class="badge">{t(`promotion.status.${x.status}` as any)}</span> {t('promotion.served', { n: x.impressionsServed, of: x.budgetImpressions })}</p>
      {x.status === 'ACTIVE' && <button type="button" onClick={() => toggle('pause')} disabled={act.busy}>{t('promotion.pause')}</button>}
      {x.status === 'PAUSED' && <button type="button" onClick={() => toggle('resume')} disabled={act.busy}>{t('promotion.resume')}</button>}
      <button type="button" class="link" onClick={results} disabled={act.busy}>{t('promotion.results')}</button>
      {stats && (
        <>
          <p>{t('promotion.summary', { i: stats.impressionsServed, r: stats.reach, c: stats.clicks })}</p>
          <Chart days={stats.days} />
        </>
      )}
      <ErrorBox error={act.error} />
    </div>
  );
}

function Promotions({ m }: { m: Merchant }) {
  useLang();
  const posts = useLoad(() => api.get('/api/merchants/{id}/posts', { path: { id: m.id! } }), [m.id]);
  const interests = useLoad(() => api.get('/api/interests'), []);
  const [mine, setMine] = useState(() => recall<{ id: string }>(`promotions.${m.id}`));
  const [f, setF] = useState({ postId: '', budget: '1000', interests: [] as string[], cities: '', days: '7' });
  const act = useAction();
  const create = async (e: Event) => {
    e.preventDefault();
    const now = Date.now();
    const p = await act.run(() => as<MerchantSchemas['PromotionView']>(api.post('/api/merchants/{id}/promotions', {
      postId: f.postId, budgetImpressions: Number(f.budget),
      targeting: { interests: f.interests, cities: f.cities.split(/[,，\s]+/).filter(Boolean) },
      startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + Number(f.days) * 86400_000).toISOString(),
    }, { path: { id: m.id! } }, idempotent())));
    if (p) {
      remember(`promotions.${m.id}`, { id: p.id ?? '' });
      setMine(recall(`promotions.${m.id}`));
    }
  };
  return (
    <>
      <h2>{t('promotion.new')}</h2>
      <form class="stack" onSubmit={create}>
        <Field label={t('promotion.post')}>
          <select value={f.postId} onChange={(e) => setF({ ...f, postId: e.currentTarget.value })} required>
            <option value="">{t('action.choose')}</option>
            {posts.data?.items?.map((p) => <option value={p.id}>{(p.text ?? '').slice(0, 40)}</option>)}
          </select>
        </Field>
        <Field label={t('promotion.budget')}><input type="number" min={1} value={f.budget} onInput={(e) => setF({ ...f, budget: e.currentTarget.value })} required /></Field>
        <Field label={t('promotion.days')}><input type="number" min={1} max={90} value={f.days} onInput={(e) => setF({ ...f, days: e.currentTarget.value })} required /></Field>
        <Field label={t('promotion.cities')}><input value={f.cities} onInput={(e) => setF({ ...f, cities: e.currentTarget.value })} maxLength={200} /></Field>
        <fieldset class="chips">
          <legend>{t('promotion.interests')}</legend>
          {interests.data?.items?.map(({ id = '', name }) => (
            <label class="chip"><input type="checkbox" checked={f.interests.includes(id)} onChange={(e) => setF({
              ...f, interests: e.currentTarget.checked ? [...f.interests, id] : f.interests.filter((x) => x !== id),
            })} />{interestName(id, name)}</label>
          ))}
        </fieldset>
        <button type="submit" class="primary" disabled={act.busy}>{t('promotion.launch')}</button>
        <ErrorBox error={act.error} />
      </form>
      <h2>{t('promotion.mine')}</h2>
      {mine.length ? mine.map((p) => <PromotionCard id={p.id} />) : <Empty />}
    </>
  );
}

type Activity = EventSchemas['ActivityView'];

/** Tomorrow at 19:00, local time, as a datetime-local value. */
function tomorrowEvening(): string {
  const d = new Date(Date.now() + 86400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T19:00`;
}

/** The merchant's own activities (a tasting, a workshop): open to anyone, announced to its followers' feeds. */
function Activities({ m, owner }: { m: Merchant; owner: boolean }) {
  useLang();
  const list = usePaged<Activity>('/api/activities', { merchantId: m.id });
  const [f, setF] = useState({ title: '', description: '', startsAt: tomorrowEvening(), hours: '2', venue: '', address: '', capacity: '12' });
  const act = useAction();
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const create = async (e: Event) => {
    e.preventDefault();
    const starts = new Date(f.startsAt);
    const a = await act.run(() => as<Activity>(api.post('/api/activities', {
      merchantId: m.id, title: f.title.trim(), description: f.description.trim() || undefined,
      startsAt: starts.toISOString(), endsAt: new Date(starts.getTime() + Number(f.hours) * 3600_000).toISOString(),
      venue: { name: f.venue.trim(), address: f.address.trim() || undefined, lat: m.location?.lat ?? 0, lon: m.location?.lon ?? 0 },
      capacity: Number(f.capacity),
    }, undefined, idempotent())));
    if (a) {
      setF({ ...f, title: '', description: '' });
      list.reload();
    }
  };
  return (
    <>
      <PagedList list={list} label={t('merchant.activities')} empty={t('merchant.activities.none')} render={(a) => (
        <a class="card row" href={`/a/${a.id}`}>
          <strong>{a.title}</strong>
          <span class="meta"><Time at={a.startsAt} /> · {a.venue?.name}</span>
          <span class="meta">{t('activity.going', { n: a.goingCount, cap: a.capacity })}
            {a.waitlistCount ? ` · ${t('activity.waitlist', { n: a.waitlistCount })}` : ''}</span>
        </a>
      )} />
      {owner && m.status === 'ACTIVE' && (
        <>
          <h2>{t('merchant.activity.new')}</h2>
          <p class="note">{t('merchant.activity.open')}</p>
          <form class="stack" onSubmit={create}>
            <Field label={t('merchant.activity.title')}><input value={f.title} onInput={set('title')} required maxLength={100} /></Field>
            <Field label={t('merchant.activity.description')}><textarea value={f.description} onInput={set('description')} maxLength={2000} /></Field>
            <Field label={t('merchant.activity.starts')}><input type="datetime-local" value={f.startsAt} onInput={set('startsAt')} required /></Field>
            <Field label={t('merchant.activity.hours')}><input type="number" min={1} max={72} value={f.hours} onInput={set('hours')} required /></Field>
            <Field label={t('merchant.activity.venue')}><input value={f.venue} onInput={set('venue')} required maxLength={100} /></Field>
            <Field label={t('merchant.activity.address')}><input value={f.address} onInput={set('address')} maxLength={200} /></Field>
            <Field label={t('merchant.activity.capacity')}><input type="number" min={1} max={10000} value={f.capacity} onInput={set('capacity')} required /></Field>
            <button type="submit" class="primary" disabled={act.busy}>{t('merchant.activity.host')}</button>
            <ErrorBox error={act.error} />
          </form>
        </>
      )}
    </>
  );
}

type Tab = 'posts' | 'products' | 'activities' | 'followers' | 'promotions';

export function MerchantPage({ id }: { id: string }) {
  useLang();
  const r = useLoad(() => api.get('/api/merchants/{id}', { path: { id } }), [id]);
  const feed = usePaged<FeedItem>(`/api/feeds/merchants/${id}`);
  const [tab, setTab] = useState<Tab>('posts');
  const [following, setFollowing] = useState<boolean | null>(null);
  const act = useAction();
  if (r.loading && !r.data) return <main><Loading /></main>;
  if (r.error) return <main><ErrorBox error={r.error} onRetry={r.reload} /></main>;
  const m = r.data!;
  const owner = session.value?.user === m.ownerId;
  const follow = async (on: boolean) => {
    const done = await act.run(async () => {
      await (on ? api.put('/api/merchants/{id}/followers/me', undefined, { path: { id } })
        : api.delete('/api/merchants/{id}/followers/me', { path: { id } }));
      return true;
    });
    if (done) { setFollowing(on); r.reload(); }
  };
  const tabs: [Tab, string][] = [
    ['posts', t('merchant.posts')], ['products', t('merchant.products')], ['activities', t('merchant.activities')],
    ['followers', t('merchant.followers')],
  ];
  if (owner) tabs.push(['promotions', t('merchant.promotions')]);
  return (
    <main>
      <h1>{m.name}</h1>
      <p class="meta">{t(`category.${m.category}` as any)} · {m.city} · <span class="badge">{t(`merchant.status.${m.status}` as any)}</span></p>
      {owner ? <p class="badge ok">{t('merchant.console')}</p> : (
        following ? <button type="button" onClick={() => follow(false)} disabled={act.busy}>{t('merchant.unfollow')}</button>
          : <button type="button" class="primary" onClick={() => follow(true)} disabled={act.busy}>{t('merchant.follow')}</button>
      )}
      <ErrorBox error={act.error} />
      <Tabs label={m.name ?? ''} value={tab} onChange={setTab} tabs={tabs} />
      {tab === 'posts' && (
        <>
          {owner && m.status === 'ACTIVE' && <a class="button primary" href={`/m/${m.id}/compose`}>{t('compose.open')}</a>}
          {owner && m.status !== 'ACTIVE' && <p class="note">{t('merchant.not.active')}</p>}
          <PagedList list={feed} label={t('merchant.posts')} render={(i) => <FeedCard item={i} />} />
        </>
      )}
      {tab === 'products' && <Products m={m} owner={owner} />}
      {tab === 'activities' && <Activities m={m} owner={owner} />}
      {tab === 'followers' && <p>{t('merchant.follower.count', { n: m.followerCount })}</p>}
      {tab === 'promotions' && owner && <Promotions m={m} />}
    </main>
  );
}

export function Admin() {
  useLang();
  const queue = usePaged<Merchant>('/api/merchants', { status: 'PENDING_REVIEW' });
  const [id, setId] = useState('');
  const [note, setNote] = useState('');
  const act = useAction();
  const decide = async (merchantId: string, verb: 'approve' | 'suspend') => {
    const m = await act.run(() => verb === 'approve'
      ? api.post('/api/merchants/{id}/approve', undefined, { path: { id: merchantId } })
      : as<Merchant>(api.post('/api/merchants/{id}/suspend', undefined, { path: { id: merchantId } })));
    if (m) {
      setNote(t(verb === 'approve' ? 'admin.approved' : 'admin.suspended', { name: m.name ?? merchantId }));
      queue.setItems(queue.items.filter((x) => x.id !== merchantId));
    }
  };
  if (!session.value?.admin) return <main><h1>{t('admin.title')}</h1><p>{t('error.403')}</p></main>;
  return (
    <main>
      <h1>{t('admin.title')}</h1>
      {note && <p role="status" class="badge ok">{note}</p>}
      <ErrorBox error={act.error} />
      <PagedList list={queue} label={t('admin.queue')} empty={t('admin.queue.empty')} render={(m) => (
        <div class="card">
          <strong>{m.name}</strong> <span class="meta">{t(`category.${m.category}` as any)} · {m.city} · {m.licenseNumber}</span>
          <Time at={m.createdAt} />
          <div>
            <button type="button" class="primary" onClick={() => decide(m.id!, 'approve')}>{t('admin.approve')}</button>
            <button type="button" class="link" onClick={() => decide(m.id!, 'suspend')}>{t('admin.suspend')}</button>
          </div>
        </div>
      )} />
      <h2>{t('admin.by.id')}</h2>
      <form class="inline" onSubmit={(e) => { e.preventDefault(); void decide(id.trim(), 'approve'); }}>
        <Field label={t('admin.merchant.id')}><input value={id} onInput={(e) => setId(e.currentTarget.value)} required maxLength={100} /></Field>
        <button type="submit" disabled={act.busy}>{t('admin.approve')}</button>
      </form>
    </main>
  );
}
