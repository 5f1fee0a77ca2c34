package io.circles.feed.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class DirectMappedCacheTest {

    private final AtomicInteger derivations = new AtomicInteger();

    private String derive(String key) {
        derivations.incrementAndGet();
        return new String("value of " + key);
    }

    @Test
    void anEqualKeyIsDerivedOnce() {
        DirectMappedCache<String, String> cache = DirectMappedCache.byEquality(64);
        String first = cache.get(new String("{\"id\":\"p1\"}"), this::derive);
        String again = cache.get(new String("{\"id\":\"p1\"}"), this::derive); // an equal key, another instance
        assertSame(first, again);
        assertEquals(1, derivations.get());
    }

    @Test
    void aChangedKeyIsDerivedAfreshNeverServedStale() {
        DirectMappedCache<String, String> cache = DirectMappedCache.byEquality(64);
        cache.get("{\"id\":\"p1\",\"text\":\"before\"}", this::derive);
        assertEquals("value of {\"id\":\"p1\",\"text\":\"after\"}",
                cache.get("{\"id\":\"p1\",\"text\":\"after\"}", this::derive));
        assertEquals(2, derivations.get());
    }

    @Test
    void byIdentityAnEqualButDistinctKeyIsAnotherKey() {
        DirectMappedCache<String, String> cache = DirectMappedCache.byIdentity(64);
        String key = new String("card");
        String first = cache.get(key, this::derive);
        assertSame(first, cache.get(key, this::derive));
        assertNotSame(first, cache.get(new String("card"), this::derive));
        assertEquals(2, derivations.get());
    }

    @Test
    void keysSharingASlotEachGetTheirOwnValue() {
        for (DirectMappedCache<String, String> cache : List.of(
                DirectMappedCache.<String, String>byEquality(1), DirectMappedCache.<String, String>byIdentity(1))) {
            derivations.set(0);
            for (int round = 0; round < 3; round++) {
                assertEquals("value of a", cache.get("a", this::derive));
                assertEquals("value of b", cache.get("b", this::derive));
            }
            assertEquals(6, derivations.get());
        }
    }

    @Test
    void aFailedDerivationKeepsNothing() {
        DirectMappedCache<String, String> cache = DirectMappedCache.byEquality(64);
        assertThrows(IOException.class, () -> cache.get("k", key -> {
            throw new IOException("unreadable");
        }));
        assertEquals("value of k", cache.get("k", this::derive));
        assertEquals(1, derivations.get());
    }

    @Test
    void theSlotCountIsAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> DirectMappedCache.byEquality(1000));
        assertThrows(IllegalArgumentException.class, () -> DirectMappedCache.byIdentity(0));
    }
}
