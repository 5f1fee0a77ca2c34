// Every call to the gateway: the bearer token from the session, problem+json turned into an ApiError whose message a
// person can read, and Server-Sent Events read with fetch streaming (EventSource cannot send the bearer header).
import { session, signOut } from './auth';
import type * as community from './api/generated/community';
import type * as event from './api/generated/event';
import type * as feed from './api/generated/feed';
import type * as media from './api/generated/media';
import type * as merchant from './api/generated/merchant';
import type * as notification from './api/generated/notification';

// The contract, generated at build time from each service's OpenAPI document (scripts/generate-api.mjs).
/** Every path of the public API, from the six services' documents. */
export type Paths = community.paths & event.paths & merchant.paths & feed.paths & media.paths & notification.paths;
export type CommunitySchemas = community.components['schemas'];
export type EventSchemas = event.components['schemas'];
export type MerchantSchemas = merchant.components['schemas'];
export type FeedSchemas = feed.components['schemas'];
export type MediaSchemas = media.components['schemas'];
export type NotificationSchemas = notification.components['schemas'];

export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(describe(problem));
  }
  get status() {
    return this.problem.status;
  }
}

/** A problem in words: its detail, and each field's message. */
export function describe(p: Problem): string {
  const parts: string[] = [];
  if (p.detail) parts.push(p.detail);
  else if (p.title) parts.push(p.title);
  for (const e of p.errors ?? []) parts.push(`${e.field}: ${e.message}`);
  return parts.join(' · ') || `HTTP ${p.status}`;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

function headers(json: boolean, extra?: Record<string, string>): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/json, application/problem+json', ...extra };
  if (json) h['Content-Type'] = 'application/json';
  const token = session.value?.token;
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

export async function request<T>(method: string, path: string, body?: unknown, extra?: Record<string, string>): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: headers(body !== undefined, extra),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ status: 0, title: 'network' });
  }
  if (res.status === 401 && session.value) signOut();
  if (!res.ok) throw new ApiError(await problemOf(res));
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function problemOf(res: Response): Promise<Problem> {
  try {
    const p = (await res.json()) as Problem;
    return { ...p, status: res.status };
  } catch {
    return { status: res.status, title: res.statusText };
  }
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof Paths, M extends Method> = Paths[P] extends { [K in M]: infer O } ? O : never;
/** The paths that answer a method. */
export type PathWith<M extends Method> = { [P in keyof Paths]: Operation<P, M> extends never ? never : P }[keyof Paths];
type Success = 200 | 201 | 202 | 204;
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : undefined;
/** What an operation answers on success (its 2xx JSON body; undefined for 204). */
export type ResponseOf<P extends keyof Paths, M extends Method> = Operation<P, M> extends { responses: infer R }
  ? { [S in keyof R & Success]: JsonOf<R[S]> }[keyof R & Success] : never;
/** The JSON body an operation accepts; undefined too when the document says the body is optional. */
export type BodyOf<P extends keyof Paths, M extends Method> = Operation<P, M> extends { requestBody?: infer B }
  ? [NonNullable<B>] extends [never] ? undefined
    // A body the document declares only as raw text (a resource taking a String) says nothing to check against.
    : (NonNullable<B> extends { content: { 'application/json': infer T } } ? T : unknown)
      | (Operation<P, M> extends { requestBody: unknown } ? never : undefined)
  : undefined;
type Params<P extends keyof Paths, M extends Method> = Operation<P, M> extends { parameters: infer X } ? X : never;
export type QueryOf<P extends keyof Paths, M extends Method> = Params<P, M> extends { query?: infer Q } ? NonNullable<Q> : never;
type PathParamsOf<P extends keyof Paths, M extends Method> = Params<P, M> extends { path: infer X } ? X : never;
/** Path parameters (when the path has any) and the query, as the document declares them. */
export type Args<P extends keyof Paths, M extends Method> = ([PathParamsOf<P, M>] extends [never] ? {} : { path: PathParamsOf<P, M> })
  & ([QueryOf<P, M>] extends [never] ? {} : { query?: QueryOf<P, M> });

/** Fills `{name}` in a documented path with the encoded parameter. */
function fill(path: string, params?: Record<string, unknown>): string {
  return path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(String(params?.[k] ?? '')));
}

function target(path: string, args?: { path?: Record<string, unknown>; query?: object }): string {
  return withQuery(fill(path, args?.path), args?.query as Query | undefined);
}

type Rest<P extends keyof Paths, M extends Method> = {} extends Args<P, M> ? [args?: Args<P, M>] : [args: Args<P, M>];

/**
 * The API typed by path: `api.get('/api/communities/{id}', { path: { id } })` answers the document's CommunityView, and
 * a body or query the document does not accept fails `tsc`. Same problem+json handling, bearer header and
 * Idempotency-Key as request().
 */
export const api = {
  get: <P extends PathWith<'get'>>(path: P, ...[args]: Rest<P, 'get'>) =>
    request<ResponseOf<P, 'get'>>('GET', target(path, args as any)),
  post: <P extends PathWith<'post'>>(path: P, body: BodyOf<P, 'post'>, args?: Args<P, 'post'>, extra?: Record<string, string>) =>
    request<ResponseOf<P, 'post'>>('POST', target(path, args as any), body ?? {}, extra),
  put: <P extends PathWith<'put'>>(path: P, body: BodyOf<P, 'put'>, args?: Args<P, 'put'>) =>
    request<ResponseOf<P, 'put'>>('PUT', target(path, args as any), body ?? {}),
  patch: <P extends PathWith<'patch'>>(path: P, body: BodyOf<P, 'patch'>, args?: Args<P, 'patch'>) =>
    request<ResponseOf<P, 'patch'>>('PATCH', target(path, args as any), body ?? {}),
  delete: <P extends PathWith<'delete'>>(path: P, ...[args]: Rest<P, 'delete'>) =>
    request<ResponseOf<P, 'delete'>>('DELETE', target(path, args as any)),
};

export const get = <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query));
export const post = <T>(path: string, body?: unknown, extra?: Record<string, string>) =>
  request<T>('POST', path, body ?? {}, extra);
export const put = <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {});
export const patch = <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {});
export const del = <T>(path: string) => request<T>('DELETE', path);

/** A fresh Idempotency-Key: a retried create then returns the first answer. */
export const idempotent = () => ({ 'Idempotency-Key': crypto.randomUUID() });

/**
 * Follows a Server-Sent Events stream with the bearer header, calling onData with each event's parsed JSON, and
 * reconnecting with a growing pause until stop() is called.
 */
export function stream(path: string, onData: (data: any, event: string) => void): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let pause = 1000;
  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const res = await fetch(path, { headers: headers(false, { Accept: 'text/event-stream' }), signal: controller.signal });
        if (!res.ok || !res.body) throw new Error(String(res.status));
        pause = 1000;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split(/\r?\n/)) {
              if (line.startsWith('event:')) event = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
            }
            if (data.length) {
              try {
                onData(JSON.parse(data.join('\n')), event);
              } catch {
                // A keep-alive or a non-JSON line: nothing to show.
              }
            }
          }
        }
      } catch {
        // Dropped or refused: try again below unless stopped.
      }
      if (stopped) return;
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(pause * 2, 30000);
    }
  };
  void run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}
