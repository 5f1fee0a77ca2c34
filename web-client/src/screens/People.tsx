// People: my profile (name, avatar, bio, interests), someone's profile, block and unblock.
import { useEffect, useState } from 'preact/hooks';
import { api, type CommunitySchemas } from '../api';
import { session, signOut } from '../auth';
import { interestName, t, useLang } from '../i18n';
import { Avatar, Chips, ErrorBox, Field, Loading, PagedList, useAction, useLoad, usePaged } from '../ui';
import { CommunityRow, type Community } from './Discover';
import { upload } from './Composer';
import { myMerchants } from './Merchant';

type Profile = CommunitySchemas['PersonView'];

export function Me() {
  useLang();
  const me = useLoad((): Promise<Profile> => api.get('/api/people/me'), []);
  const interests = useLoad(() => api.get('/api/interests'), []);
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
    const r = await act.run(() => api.put('/api/people/me', {
      displayName: f!.displayName ?? '', bio: f!.bio || undefined, city: f!.city || undefined, interests: f!.interests ?? [],
      avatarMediaId: f!.avatarMediaId || undefined,
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
          <div class="row"><Avatar name={f.displayName ?? ''} url={f.avatarUrl} /></div>
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
            {interests.data?.items?.map(({ id = '', name }) => (
              <label class="chip"><input type="checkbox" checked={f.interests?.includes(id)} onChange={() => toggle(id)} />{interestName(id, name)}</label>
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
  const list = usePaged<CommunitySchemas['BlockView']>('/api/people/me/blocks');
  const act = useAction();
  return (
    <main>
      <h1>{t('people.blocks')}</h1>
      <ErrorBox error={act.error} />
      <PagedList list={list} label={t('people.blocks')} empty={t('people.blocks.none')} render={(b) => {
        const id = b.userId ?? '';
        return (
          <div class="row">
            <a href={`/u/${encodeURIComponent(id)}`}>{b.authorProfile?.displayName ?? id}</a>
            <button type="button" onClick={() => act.run(() => api.delete('/api/people/me/blocks/{userId}', { path: { userId: id } })).then(list.reload)}>{t('people.unblock')}</button>
          </div>
        );
      }} />
    </main>
  );
}

export function PersonPage({ id }: { id: string }) {
  useLang();
  const p = useLoad(() => api.get('/api/people/{id}', { path: { id } }), [id]);
  const [blocked, setBlocked] = useState<boolean | null>(null);
  const act = useAction();
  const me = session.value?.user === id;
  const block = async (on: boolean) => {
    const args = { path: { userId: id } };
    const done = await act.run(async () => {
      await (on ? api.put('/api/people/me/blocks/{userId}', undefined, args) : api.delete('/api/people/me/blocks/{userId}', args));
      return true;
    });
    if (done) setBlocked(on);
  };
  return (
    <main>
      {p.loading ? <Loading /> : p.error ? <><h1>{id}</h1><ErrorBox error={p.error} onRetry={p.reload} /></> : p.data && (
        <>
          <h1><Avatar name={p.data.displayName ?? ''} url={p.data.avatarUrl} /> {p.data.displayName}</h1>
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
