// The post composer: text with #topics, up to 9 photos or one short video, each uploaded through media-service
// (create → PUT the bytes with a progress bar → complete) before the post names them by mediaId.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, idempotent, type MerchantSchemas } from '../api';
import { session } from '../auth';
import { t, useLang } from '../i18n';
import { navigate } from '../router';
import { ErrorBox, Field, useAction } from '../ui';
import { price } from './Feed';

const MAX_IMAGES = 9;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const MAX_VIDEO_BYTES = 200 * 1024 * 1024;

interface Upload {
  file: File;
  preview: string;
  progress: number;
  mediaId?: string;
  thumbnailUrl?: string;
  error?: string;
}

/** PUTs the bytes where media-service said, reporting progress (fetch cannot report upload progress). */
function putBytes(url: string, method: string, headers: Record<string, string>, file: File, onProgress: (p: number) => void) {
  return new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [k, v] of Object.entries(headers ?? {})) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new Error(`HTTP ${xhr.status}`)));
    xhr.onerror = () => reject(new Error(t('error.network')));
    xhr.send(file);
  });
}

export async function upload(file: File, update: (u: Partial<Upload>) => void) {
  const type = file.type.startsWith('video/') ? 'VIDEO' : 'IMAGE';
  try {
    // media-service documents this 201 without a schema (a bare Response): the upload slot of API.md.
    const slot = (await api.post('/api/media', { type, contentType: file.type, sizeBytes: file.size }, undefined, idempotent())) as
      { id: string; uploadUrl: string; uploadMethod: string; uploadHeaders: Record<string, string> };
    await putBytes(slot.uploadUrl, slot.uploadMethod || 'PUT', slot.uploadHeaders, file, (p) => update({ progress: p }));
    const ready = await api.post('/api/media/{id}/complete', undefined, { path: { id: slot.id } });
    update({ progress: 1, mediaId: ready.id, thumbnailUrl: ready.thumbnailUrl });
  } catch (e) {
    update({ error: e instanceof ApiError || e instanceof Error ? e.message : String(e) });
  }
}

export function Composer({ communityId, merchantId }: { communityId?: string; merchantId?: string }) {
  useLang();
  const [text, setText] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [note, setNote] = useState('');
  const [productIds, setProductIds] = useState<string[]>([]);
  const act = useAction();
  const [products, setProducts] = useState<MerchantSchemas['ProductView'][]>([]);
  useEffect(() => {
    if (merchantId) api.get('/api/merchants/{id}/products', { path: { id: merchantId } }).then((p) => setProducts(p.items ?? []), () => undefined);
  }, [merchantId]);
  useEffect(() => () => uploads.forEach((u) => URL.revokeObjectURL(u.preview)), []);
  const topics = [...text.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]);

  const pick = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    setNote('');
    const video = files.find((f) => f.type.startsWith('video/'));
    if (video && (files.length > 1 || uploads.length)) return setNote(t('compose.video.alone'));
    if (uploads.some((u) => u.file.type.startsWith('video/'))) return setNote(t('compose.video.alone'));
    if (!video && uploads.length + files.length > MAX_IMAGES) return setNote(t('compose.too.many', { n: MAX_IMAGES }));
    for (const f of files) {
      if (f.type.startsWith('video/') ? f.type !== 'video/mp4' || f.size > MAX_VIDEO_BYTES
        : !IMAGE_TYPES.includes(f.type) || f.size > MAX_IMAGE_BYTES) return setNote(t('compose.bad.file', { name: f.name }));
    }
    const start = uploads.length;
    const added = files.map((file) => ({ file, preview: URL.createObjectURL(file), progress: 0 }));
    setUploads((u) => [...u, ...added]);
    added.forEach((a, i) => void upload(a.file, (patch) =>
      setUploads((u) => u.map((x, j) => (j === start + i ? { ...x, ...patch } : x)))));
  };

  const pending = uploads.some((u) => !u.mediaId && !u.error);
  const failed = uploads.some((u) => u.error);
  const submit = async (e: Event) => {
    e.preventDefault();
    const media = uploads.filter((u) => u.mediaId).map((u) => ({ mediaId: u.mediaId }));
    const created = await act.run(() => communityId
      ? api.post('/api/communities/{id}/posts', { text, media }, { path: { id: communityId } }, idempotent()).then(() => true)
      : api.post('/api/merchants/{id}/posts', { text, media, productIds }, { path: { id: merchantId! } }, idempotent()).then(() => true));
    if (created) navigate(communityId ? `/c/${communityId}` : `/m/${merchantId}`);
  };
  if (!session.value) return null;
  return (
    <main>
      <h1>{t('compose.title')}</h1>
      <form class="stack" onSubmit={submit}>
        <Field label={t('compose.text')} hint={t('compose.hint')}>
          <textarea value={text} onInput={(e) => setText(e.currentTarget.value)} rows={5} maxLength={5000} required />
        </Field>
        {topics.length > 0 && <p class="chips">{topics.map((x) => <span class="chip">#{x}</span>)}</p>}
        <Field label={t('compose.media')} hint={t('compose.media.hint')}>
          <input type="file" accept="image/jpeg,image/png,image/webp,video/mp4" multiple onChange={pick} />
        </Field>
        {note && <p class="error" role="alert">{note}</p>}
        <ul class="uploads">
          {uploads.map((u, i) => (
            <li>
              {u.file.type.startsWith('video/') ? <span class="thumb">▶</span>
                : <img class="thumb" src={u.thumbnailUrl?.startsWith('/') ? u.thumbnailUrl : u.preview} alt={t('media.photo', { n: i + 1 })} />}
              <progress max={1} value={u.progress} aria-label={t('compose.progress', { name: u.file.name })} />
              {u.error ? <span class="error">{u.error}</span> : u.mediaId ? <span>{t('compose.ready')}</span> : null}
              <button type="button" class="link" onClick={() => setUploads(uploads.filter((_, j) => j !== i))}>{t('action.remove')}</button>
            </li>
          ))}
        </ul>
        {merchantId && products.length > 0 && (
          <fieldset>
            <legend>{t('merchant.products')}</legend>
            {products.map(({ id = '', title, priceCents = 0, currency = '' }) => (
              <label class="check">
                <input type="checkbox" checked={productIds.includes(id)} onChange={(e) => setProductIds(
                  e.currentTarget.checked ? [...productIds, id].slice(0, 9) : productIds.filter((x) => x !== id))} />
                {title} · {price(priceCents, currency)}
              </label>
            ))}
          </fieldset>
        )}
        <button type="submit" class="primary" disabled={act.busy || pending || failed}>{t('compose.publish')}</button>
        <ErrorBox error={act.error} />
      </form>
    </main>
  );
}
