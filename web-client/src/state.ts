// A value the screens watch: small enough that no state library is needed.
import { useEffect, useState } from 'preact/hooks';

export interface Store<T> {
  value: T;
  set(next: T): void;
  subscribe(fn: (v: T) => void): () => void;
}

export function store<T>(initial: T): Store<T> {
  const listeners = new Set<(v: T) => void>();
  const s: Store<T> = {
    value: initial,
    set(next) {
      s.value = next;
      listeners.forEach((fn) => fn(next));
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
  return s;
}

export function useStore<T>(s: Store<T>): T {
  const [, setTick] = useState(0);
  useEffect(() => s.subscribe(() => setTick((t) => t + 1)), [s]);
  return s.value;
}
