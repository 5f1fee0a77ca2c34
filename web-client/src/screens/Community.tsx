// A community: about, one-tap join (a private one asks its question), posts, activities, members, and for owners and
// moderators the join requests, reports and bans. Also the page that creates one, and a post with its comments.
import { useState } from 'preact/hooks';
import { api, idempotent, type CommunitySchemas, type EventSchemas } from '../api';
import { t, useLang } from '../i18n';
import { navigate } from '../router';
import {
  Chips, Empty, ErrorBox, Field, Loading, PagedList, PostCard, Tabs, Time, useAction, useLoad, usePaged, type PostView,
} from '../ui';
import type { Community } from './Discover';

type Activity = EventSchemas['ActivityView'];

function Join({ c, onChange }: { c: CommunitySchemas['CommunityView']; onChange: () => void }) {
  useLang();
  const [answer, setAnswer] = useState('');
  const [asking, setAsking] = useState(false);
  const act = useAction();
  const status = c.membership?.status;
  if (status === 'MEMBER') {
    return (
      <div class="join">
        <span class="badge ok">{t('community.joined', { role: t(`role.${c.membership!.role}`) })}</span>
        {c.membership!.role !== 'OWNER' && (
          <button type="button" class="link" disabled={act.busy}
            onClick={() => act.run(() => api.delete('/api/communities/{id}/members/me', { path: { id: c.id! } })).then(onChange)}>{t('community.leave')}</button>
        )}
        <ErrorBox error={act.error} />
      </div>
    );
  }
  if (status === 'PENDING') return <p class="badge">{t('community.pending')}</p>;
  const join = () => act.run(() => api.post('/api/communities/{id}/members', answer ? { answer } : {}, { path: { id: c.id! } })).then((r) => r && onChange());
  if (c.visibility === 'PRIVATE' && !asking) {
    return <button type="button" class="primary" onClick={() => setAsking(true)}>{t('community.join')}</button>;
  }
  return (
    <form class="join" onSubmit={(e) => { e.preventDefault(); void join(); }}>
      {c.visibility === 'PRIVATE' && (
        <Field label={c.joinQuestion || t('community.question')}>
          <input value={answer} onInput={(e) => setAnswer(e.currentTarget.value)} maxLength={500} required />
        </Field>
      )}
      <button type="submit" class="primary" disabled={act.busy}>{t('community.join')}</button>
      <ErrorBox error={act.error} />
    </form>
  );
}

function Posts({ c }: { c: Community }) {
  useLang();
  const list = usePaged<PostView>(`/api/communities/${c.id}/posts`);
  return (
    <>
      {c.membership?.status === 'MEMBER' && <a class="button primary" href={`/c/${c.id}/compose`}>{t('compose.open')}</a>}
      <PagedList list={list} label={t('community.posts')} render={(p) => <PostCard p={p} />} />
    </>
  );
}

function Activities({ c }: { c: Community }) {
  useLang();
  const list = usePaged<Activity>('/api/activities', { communityId: c.id });
  return (
    <PagedList list={list} label={t('community.activities')} render={(a) => (
      <a class="card row" href={`/a/${a.id}`}>
        <strong>{a.title}</strong>
        <span class="meta"><Time at={a.startsAt} /> · {a.venue?.name}</span>
        <span class="meta">{t('activity.going', { n: a.goingCount, cap: a.capacity })}
          {a.waitlistCount ? ` · ${t('activity.waitlist', { n: a.waitlistCount })}` : ''}</span>
      </a>
    )} />
  );
}

function Members({ c }: { c: Community }) {
  useLang();
  const list = usePaged<CommunitySchemas['MemberView']>(`/api/communities/${c.id}/members`);
  return (
    <PagedList list={list} label={t('community.members')} render={(m) => (
      <div class="row"><a href={`/u/${encodeURIComponent(m.userId ?? '')}`}>{m.authorProfile?.displayName ?? m.userId}</a> <span class="meta">{t(`role.${m.role}`)}</span></div>
    )} />
  );
}

function Moderation({ c }: { c: Community }) {
  useLang();
  const requests = usePaged<CommunitySchemas['JoinRequestView']>(`/api/communities/${c.id}/join-requests`);
  const reports = usePaged<CommunitySchemas['ReportView']>(`/api/communities/${c.id}/reports`);
  const act = useAction();
  const [banUser, setBanUser] = useState('');
  const [banReason, setBanReason] = useState('');
  const [note, setNote] = useState('');
  const decide = (userId: string, verdict: 'approve' | 'reject') =>
    act.run(() => verdict === 'approve'
      ? api.post('/api/communities/{id}/join-requests/{userId}/approve', undefined, { path: { id: c.id!, userId } })
      : api.post('/api/communities/{id}/join-requests/{userId}/reject', undefined, { path: { id: c.id!, userId } })).then(() => requests.reload());
  return (
    <>
      <h2>{t('mod.requests')}</h2>
      <PagedList list={requests} label={t('mod.requests')} render={(r) => (
        <div class="card">
          <strong>{r.userId}</strong> <Time at={r.requestedAt} />
          {r.answer && <p class="text">{r.answer}</p>}
          <button type="button" onClick={() => decide(r.userId!, 'approve')}>{t('mod.approve')}</button>
          <button type="button" class="link" onClick={() => decide(r.userId!, 'reject')}>{t('mod.reject')}</button>
        </div>
      )} />
      <h2>{t('mod.reports')}</h2>
      <PagedList list={reports} label={t('mod.reports')} render={(r) => (
        <div class="card">
          <a href={`/post/${r.postId}`}>{t('mod.reported.post')}</a> · {r.reporterId} · <Time at={r.createdAt} />
          <p class="text">{r.reason}</p>
          <button type="button" onClick={() => act.run(() => api.post('/api/posts/{postId}/hide', undefined, { path: { postId: r.postId! } })).then(() => reports.reload())}>
            {t('mod.hide')}
          </button>
        </div>
      )} />
      <h2>{t('mod.bans')}</h2>
      <form class="stack" onSubmit={(e) => {
        e.preventDefault();
        void act.run(() => api.post('/api/communities/{id}/bans', { userId: banUser.trim(), reason: banReason }, { path: { id: c.id! } }))
          .then((r) => r !== undefined && setNote(t('mod.banned', { user: banUser })));
      }}>
        <Field label={t('mod.ban.user')}><input value={banUser} onInput={(e) => setBanUser(e.currentTarget.value)} required maxLength={200} /></Field>
        <Field label={t('mod.ban.reason')}><input value={banReason} onInput={(e) => setBanReason(e.currentTarget.value)} maxLength={500} /></Field>
        <button type="submit" disabled={act.busy}>{t('mod.ban')}</button>
        <button type="button" class="link" disabled={act.busy || !banUser.trim()} onClick={() =>
          act.run(() => api.delete('/api/communities/{id}/bans/{userId}', { path: { id: c.id!, userId: banUser.trim() } }))
            .then(() => setNote(t('mod.unbanned', { user: banUser })))}>{t('mod.unban')}</button>
      </form>
      {note && <p role="status">{note}</p>}
      <ErrorBox error={act.error} />
    </>
  );
}

type Tab = 'posts' | 'activities' | 'members' | 'about' | 'mod';

export function CommunityPage({ id }: { id: string }) {
  useLang();
  const r = useLoad(() => api.get('/api/communities/{id}', { path: { id } }), [id]);
  const [tab, setTab] = useState<Tab>('posts');
  if (r.loading && !r.data) return <main><Loading /></main>;
  if (r.error) return <main><ErrorBox error={r.error} onRetry={r.reload} /></main>;
  const c = r.data!;
  const role = c.membership?.status === 'MEMBER' ? c.membership.role : null;
  const tabs: [Tab, string][] = [
    ['posts', t('community.posts')], ['activities', t('community.activities')], ['members', t('community.members')],
    ['about', t('community.about')],
  ];
  if (role === 'OWNER' || role === 'MODERATOR') tabs.push(['mod', t('community.moderation')]);
  return (
    <main>
      <h1>{c.name}</h1>
      <p class="meta">{c.city} · {t('community.members.count', { n: c.memberCount ?? 0 })}
        {c.visibility === 'PRIVATE' ? ` · ${t('community.private')}` : ''}</p>
      <Join c={c} onChange={r.reload} />
      <Tabs label={c.name ?? ''} value={tab} onChange={setTab} tabs={tabs} />
      {tab === 'posts' && <Posts c={c} />}
      {tab === 'activities' && <Activities c={c} />}
      {tab === 'members' && <Members c={c} />}
      {tab === 'about' && (
        <section>
          <p class="text">{c.description}</p>
          <Chips ids={c.interests} />
        </section>
      )}
      {tab === 'mod' && <Moderation c={c} />}
    </main>
  );
}

export function NewCommunity() {
  useLang();
  const interests = useLoad(() => api.get('/api/interests'), []);
  const [f, setF] = useState({ name: '', description: '', city: '', interest: '', visibility: 'PUBLIC' as CommunitySchemas['Visibility'], joinQuestion: '' });
  const act = useAction();
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    // The document gives this 201 no schema (the resource answers a Response): the body is a CommunityView.
    const c = await act.run(async () => (await api.post('/api/communities', {
      name: f.name, description: f.description, city: f.city, interests: f.interest ? [f.interest] : [],
      location: { lat: 30.25, lon: 120.16 }, visibility: f.visibility,
      joinQuestion: f.visibility === 'PRIVATE' ? f.joinQuestion : undefined,
    }, undefined, idempotent())) as CommunitySchemas['CommunityView']);
    if (c) navigate(`/c/${c.id}`);
  };
  return (
    <main>
      <h1>{t('community.create')}</h1>
      <form class="stack" onSubmit={submit}>
        <Field label={t('community.name')}><input value={f.name} onInput={set('name')} required maxLength={100} /></Field>
        <Field label={t('community.description')}><textarea value={f.description} onInput={set('description')} maxLength={2000} /></Field>
        <Field label={t('discover.city')}><input value={f.city} onInput={set('city')} required maxLength={60} /></Field>
        <Field label={t('discover.interests')}>
          <select value={f.interest} onChange={set('interest')} required>
            <option value="">{t('action.choose')}</option>
            {interests.data?.items?.map((i) => <option value={i.id}>{i.name}</option>)}
          </select>
        </Field>
        <Field label={t('community.visibility')}>
          <select value={f.visibility} onChange={set('visibility')}>
            <option value="PUBLIC">{t('community.public')}</option>
            <option value="PRIVATE">{t('community.private')}</option>
          </select>
        </Field>
        {f.visibility === 'PRIVATE' && (
          <Field label={t('community.question')}><input value={f.joinQuestion} onInput={set('joinQuestion')} maxLength={200} /></Field>
        )}
        <button type="submit" class="primary" disabled={act.busy}>{t('action.create')}</button>
        <ErrorBox error={act.error} />
      </form>
    </main>
  );
}

type Comment = CommunitySchemas['CommentView'];

export function PostPage({ id }: { id: string }) {
  useLang();
  const p = useLoad(() => api.get('/api/posts/{postId}', { path: { postId: id } }), [id]);
  const comments = usePaged<Comment>(`/api/posts/${id}/comments`);
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [reported, setReported] = useState(false);
  const act = useAction();
  const send = async (e: Event) => {
    e.preventDefault();
    const c = await act.run(() => api.post('/api/posts/{postId}/comments', { text }, { path: { postId: id } }, idempotent()));
    if (c) {
      setText('');
      comments.setItems([...comments.items, c]);
    }
  };
  return (
    <main>
      <h1>{t('post.title')}</h1>
      {p.loading ? <Loading /> : p.error ? <ErrorBox error={p.error} onRetry={p.reload} /> : p.data && <PostCard p={p.data} />}
      <h2>{t('post.comments')}</h2>
      <PagedList list={comments} label={t('post.comments')} empty={t('post.comments.none')} render={(c) => (
        <div class="comment"><strong>{c.authorProfile?.displayName ?? c.authorId}</strong> <Time at={c.createdAt} /><p class="text">{c.text}</p></div>
      )} />
      <form class="stack" onSubmit={send}>
        <Field label={t('post.comment')}><textarea value={text} onInput={(e) => setText(e.currentTarget.value)} required maxLength={2000} /></Field>
        <button type="submit" disabled={act.busy}>{t('action.send')}</button>
      </form>
      <details>
        <summary>{t('post.report')}</summary>
        {reported ? <p role="status">{t('post.reported')}</p> : (
          <form class="stack" onSubmit={(e) => {
            e.preventDefault();
            void act.run(() => api.post('/api/posts/{postId}/reports', { reason }, { path: { postId: id } })).then((r) => r !== undefined && setReported(true));
          }}>
            <Field label={t('mod.ban.reason')}><input value={reason} onInput={(e) => setReason(e.currentTarget.value)} required maxLength={500} /></Field>
            <button type="submit" disabled={act.busy}>{t('post.report')}</button>
          </form>
        )}
      </details>
      <ErrorBox error={act.error} />
      {comments.items.length === 0 && !comments.loading && null}
      {!p.data && !p.loading && !p.error && <Empty />}
    </main>
  );
}
