// An activity: details, a map link (a link only: no tiles are fetched), RSVP with guests, the waitlist position and
// cancelling; the organizer sees attendees and the waitlist, and checks people in.
import { useState } from 'preact/hooks';
import { api, type EventSchemas } from '../api';
import { session } from '../auth';
import { t, useLang } from '../i18n';
import { ErrorBox, Field, Loading, PagedList, Tabs, Time, useAction, useLoad, usePaged } from '../ui';

type Rsvp = EventSchemas['RsvpView'];
type Activity = EventSchemas['ActivityView'];

function Attendees({ a }: { a: Activity }) {
  useLang();
  const [status, setStatus] = useState<'GOING' | 'WAITLISTED'>('GOING');
  const list = usePaged<Rsvp>(`/api/activities/${a.id}/rsvps`, { status });
  const act = useAction();
  const checkIn = (userId: string) =>
    act.run(() => api.post('/api/activities/{id}/check-ins', { userId }, { path: { id: a.id! } })).then((r) => r !== undefined && list.reload());
  return (
    <section>
      <h2>{t('activity.attendees')}</h2>
      <Tabs label={t('activity.attendees')} value={status} onChange={setStatus}
        tabs={[['GOING', t('activity.status.GOING')], ['WAITLISTED', t('activity.status.WAITLISTED')]]} />
      <ErrorBox error={act.error} />
      <PagedList list={list} label={t('activity.attendees')} render={(r) => (
        <div class="row">
          <a href={`/u/${encodeURIComponent(r.userId ?? '')}`}>{r.authorProfile?.displayName ?? r.userId}</a>
          {!!r.guests && <span class="meta">+{r.guests}</span>}
          {r.waitlistPosition ? <span class="meta">#{r.waitlistPosition}</span> : null}
          {r.status === 'GOING' && (r.checkedInAt ? <span class="badge ok">{t('activity.checked.in')}</span>
            : <button type="button" onClick={() => checkIn(r.userId!)}>{t('activity.check.in')}</button>)}
        </div>
      )} />
    </section>
  );
}

export function ActivityPage({ id }: { id: string }) {
  useLang();
  const r = useLoad(() => api.get('/api/activities/{id}', { path: { id } }), [id]);
  const [guests, setGuests] = useState(0);
  const act = useAction();
  if (r.loading && !r.data) return <main><Loading /></main>;
  if (r.error) return <main><ErrorBox error={r.error} onRetry={r.reload} /></main>;
  const a = r.data!;
  const mine = a.rsvp && a.rsvp.status !== 'CANCELLED' ? a.rsvp : null;
  const organizer = session.value?.user === a.organizerId;
  const rsvp = () => act.run(() => api.put('/api/activities/{id}/rsvps/me', { guests }, { path: { id } })).then((x) => x && r.reload());
  const cancel = () => act.run(() => api.delete('/api/activities/{id}/rsvps/me', { path: { id } })).then(() => r.reload());
  const map = a.venue?.lat !== undefined && a.venue?.lon !== undefined
    ? `https://www.openstreetmap.org/?mlat=${a.venue.lat}&mlon=${a.venue.lon}#map=16/${a.venue.lat}/${a.venue.lon}` : null;
  return (
    <main>
      <h1>{a.title}</h1>
      {a.status === 'CANCELLED' && <p class="badge warn">{t('activity.cancelled')}</p>}
      <p class="meta"><Time at={a.startsAt} /> – <Time at={a.endsAt} /></p>
      <p>{a.venue?.name} {a.venue?.address}</p>
      {map && <p><a href={map} target="_blank" rel="noopener noreferrer">{t('activity.map')}</a></p>}
      {a.description && <p class="text">{a.description}</p>}
      <p>{t('activity.going', { n: a.goingCount, cap: a.capacity })}
        {a.waitlistCount ? ` · ${t('activity.waitlist', { n: a.waitlistCount })}` : ''}</p>
      <section class="card" aria-live="polite">
        {mine ? (
          <>
            <p class="rsvp-status">
              {mine.status === 'GOING' ? t('activity.you.going', { n: mine.guests })
                : t('activity.you.waitlisted', { n: mine.waitlistPosition ?? '?' })}
            </p>
            <button type="button" disabled={act.busy} onClick={cancel}>{t('activity.cancel.rsvp')}</button>
          </>
        ) : a.status !== 'CANCELLED' && (
          <form class="inline" onSubmit={(e) => { e.preventDefault(); void rsvp(); }}>
            <Field label={t('activity.guests')}>
              <input type="number" min={0} max={9} value={guests} onInput={(e) => setGuests(Math.max(0, Number(e.currentTarget.value) || 0))} />
            </Field>
            <button type="submit" class="primary" disabled={act.busy}>{t('activity.rsvp')}</button>
          </form>
        )}
        <ErrorBox error={act.error} />
      </section>
      {a.communityId && <p><a href={`/c/${a.communityId}`}>{t('activity.community')}</a></p>}
      {a.merchantId && <p><a href={`/m/${a.merchantId}`}>{t('activity.merchant')}</a></p>}
      {organizer && <Attendees a={a} />}
    </main>
  );
}
