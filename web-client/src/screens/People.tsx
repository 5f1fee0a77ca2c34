// People: my profile (name, avatar, bio, interests), someone's profile, block and unblock.
import { useEffect, useState } from 'preact/hooks';
import { del, get, put, type Page } from '../api';
import { session, signOut } from '../auth';
import { interestName, t, useLang } from '../i18n';
import { Avatar, Chips, ErrorBox, Field, Loading, PagedList, useAction, useLoad, usePaged } from '../ui';
import { CommunityRow, type Community } from './Discover';
import { upload } from './Composer';
import { myMerchants } from './Merchant';

interface Profile {
  id: string;
  displayName: string;
  avatarMediaId?: string | null;
  avatarUrl?: string | null;
  bio?: string | null;
  city?: string | null;
  interests?: string[];
  communityCount?: number;
}

export function Me() {
  useLang();
  const me = useLoad(() => get<Profile>('/api/people/me'), []);
  const interests = useLoad(() => get<Page<{ id: string; name: string }>>('/api/interests'), []);
  const mine = usePaged<Community>('/api/communities', { member: 'me' });
  const [f, setF] = useState<Profile | null>(null);
  const [saved, setSaved] = useState(false);
  const [avatar, setAvatar] = useState<{ progress: number; preview?: string; error?: string } | null>(null);
  const act = useAction();
  useEffect(() => { if (me.data) setF(me.data); }, [me.data]);
  const s = session.value!;
  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const r = await act.run(() => put<Profile>('/api/people/me', {
      displayName: f!.displayName, bio: f!.bio || null, city: f!.city || null, interests: f!.interests ?? [],
      avatarMediaId: f!.avatarMediaId || null,
    }));
    if (r) { setSaved(true); me.setData(r); }
  };
  const toggle = (id: string) => f && setF({ ...f, interests: f.interests?.includes(id) ? f.interests.filter((x) => x !== id) : [...(f.interests ?? []), id] });
  return (
    <main>
      <h1>{t('me.title')}</h1>
      <p class="meta">{t('me.signed.in', { user: s.user })}{s.admin ? ` · ${t('me.admin')}` : ''}</p>
      <nav class="links" aria-label={t('me.title')}>
        <a href="/merchant/new">{t('merchant.onboard')}</a>
        {myMerchants().map((m) => <a href={`/m/${m.id}`}>{t('merchant.console')}: {m.name}</a>)}
        {s.admin && <a href="/admin">{t('admin.title')}</a>}
        <a href="/me/blocks">{t('people.blocks')}</a>
        <button type="button" class="link" onClick={signOut}>{t('action.sign.out')}</button>
      </nav>
      <h2>{t('me.profile')}</h2>
      {me.loading && !f ? <Loading /> : me.error ? <ErrorBox error={me.error} onRetry={me.reload} /> : f && (
        <form class="stack" onSubmit={save}>
          <div class="row"><Avatar name={f.displayName} url={f.avatarUrl} /></div>
          <Field label={t('me.name')}><input value={f.displayName} onInput={(e) => setF({ ...f, displayName: e.currentTarget.value })} required maxLength={60} /></Field>
          <Field label={t('me.bio')}><textarea value={f.bio ?? ''} onInput={(e) => setF({ ...f, bio: e.currentTarget.value })} maxLength={500} /></Field>
          <Field label={t('discover.city')}><input value={f.city ?? ''} onInput={(e) => setF({ ...f, city: e.currentTarget.value })} maxLength={60} /></Field>
          <Field label={t('me.avatar')} hint={t('me.avatar.hint')}>
            <input type="file" accept="image/jpeg,image/png,image/webp" onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (!file) return;
              setAvatar({ progress: 0, preview: URL.createObjectURL(file) });
              void upload(file, (u) => {
                setAvatar((a) => ({ ...a, progress: u.progress ?? a?.progress ?? 0, error: u.error }));
                if (u.mediaId) setF((x) => (x ? { ...x, avatarMediaId: u.mediaId } : x));
              });
            }} />
          </Field>
          {avatar && (
            <div class="row">
              {avatar.preview && <img class="thumb" src={avatar.preview} alt={t('me.avatar')} />}
              <progress max={1} value={avatar.progress} aria-label={t('me.avatar.uploading')} />
              {avatar.error && <span class="error">{avatar.error}</span>}
            </div>
          )}
          <fieldset class="chips">
            <legend>{t('discover.interests')}</legend>
            {interests.data?.items.map((i) => (
              <label class="chip"><input type="checkbox" checked={f.interests?.includes(i.id)} onChange={() => toggle(i.id)} />{interestName(i.id, i.name)}</label>
            ))}
          </fieldset>
          <button type="submit" class="primary" disabled={act.busy}>{t('action.save')}</button>
          {saved && <p role="status">{t('action.saved')}</p>}
          <ErrorBox error={act.error} />
        </form>
      )}
      <h2>{t('me.communities')}</h2>
      <PagedList list={mine} label={t('me.communities')} empty={t('me.communities.none')} render={(c) => <CommunityRow c={c} />} />
    </main>
  );
}

export function Blocks() {
  useLang();
  const list = usePaged<{ userId?: string; id?: string }>('/api/people/me/blocks');
  const act = useAction();
  return (
    <main>
      <h1>{t('people.blocks')}</h1>
      <ErrorBox error={act.error} />
      <PagedList list={list} label={t('people.blocks')} empty={t('people.blocks.none')} render={(b) => {
        const id = b.userId ?? b.id ?? '';
        return (
          <div class="row">
            <a href={`/u/${encodeURIComponent(id)}`}>{id}</a>
            <button type="button" onClick={() => act.run(() => del(`/api/people/me/blocks/${encodeURIComponent(id)}`)).then(list.reload)}>{t('people.unblock')}</button>
          </div>
        );
      }} />
    </main>
  );
}

export function PersonPage({ id }: { id: string }) {
  useLang();
  const p = useLoad(() => get<Profile>(`/api/people/${encodeURIComponent(id)}`), [id]);
  const [blocked, setBlocked] = useState<boolean | null>(null);
  const act = useAction();
  const me = session.value?.user === id;
  const block = async (on: boolean) => {
    const path = `/api/people/me/blocks/${encodeURIComponent(id)}`;
    const done = await act.run(async () => { await (on ? put(path) : del(path)); return true; });
    if (done) setBlocked(on);
  };
  return (
    <main>
      {p.loading ? <Loading /> : p.error ? <><h1>{id}</h1><ErrorBox error={p.error} onRetry={p.reload} /></> : p.data && (
        <>
          <h1><Avatar name={p.data.displayName} url={p.data.avatarUrl} /> {p.data.displayName}</h1>
          <p class="meta">{p.data.city}{p.data.communityCount !== undefined ? ` · ${t('people.communities', { n: p.data.communityCount })}` : ''}</p>
          {p.data.bio && <p class="text">{p.data.bio}</p>}
          <Chips ids={p.data.interests} />
        </>
      )}
      {!me && (
        <p>
          {blocked ? <button type="button" onClick={() => block(false)} disabled={act.busy}>{t('people.unblock')}</button>
            : <button type="button" onClick={() => block(true)} disabled={act.busy}>{t('people.block')}</button>}
          {blocked !== null && <span role="status"> {blocked ? t('people.blocked') : t('people.unblocked')}</span>}
        </p>
      )}
      <ErrorBox error={act.error} />
    </main>
  );
}
