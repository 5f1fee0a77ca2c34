package io.circles.feed.cache;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded, lock-free cache of values derived from keys, for hot read paths: slot = hash of the key; a newer key
 * simply replaces the one in its slot. Holds at most one entry per slot. Keys are matched by {@code equals}
 * ({@link #byEquality}) or by identity ({@link #byIdentity}, for keys that are themselves cached objects: one equal
 * but distinct object is a different key). Values must be immutable: one is shared by every caller.
 */
public final class DirectMappedCache<K, V> {

    /** Derives a value from its key; may throw what the derivation throws. */
    @FunctionalInterface
    public interface Derivation<K, V, E extends Exception> {
        V apply(K key) throws E;
    }

    private final AtomicReferenceArray<Entry<K, V>> slots;
    private final int mask;
    private final boolean identity;

    private DirectMappedCache(int slots, boolean identity) {
        if (slots <= 0 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, not " + slots);
        }
        this.slots = new AtomicReferenceArray<>(slots);
        this.mask = slots - 1;
        this.identity = identity;
    }

    public static <K, V> DirectMappedCache<K, V> byEquality(int slots) {
        return new DirectMappedCache<>(slots, false);
    }

    public static <K, V> DirectMappedCache<K, V> byIdentity(int slots) {
        return new DirectMappedCache<>(slots, true);
    }

    /** The value derived from this key before, while it is still in its slot; else derived now and kept. */
    public <E extends Exception> V get(K key, Derivation<K, V, E> derive) throws E {
        int hash = identity ? System.identityHashCode(key) : key.hashCode();
        int slot = (hash ^ (hash >>> 16)) & mask;
        Entry<K, V> entry = slots.get(slot);
        if (entry != null && (identity ? entry.key == key : entry.key.equals(key))) {
            return entry.value;
        }
        V value = derive.apply(key);
        slots.set(slot, new Entry<>(key, value));
        return value;
    }

    private record Entry<K, V>(K key, V value) {
    }
}
