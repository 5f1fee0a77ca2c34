package io.circles.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalRedisClusterTest {

    @TempDir
    Path dir;

    @Test
    void threeMastersShareTheSlotsAndRedirectKeysTheyDoNotOwn() throws Exception {
        try (LocalRedisCluster cluster = LocalRedisCluster.start(dir)) {
            List<Integer> ports = cluster.ports();
            assertEquals(3, new HashSet<>(ports).size());
            assertEquals("redis://127.0.0.1:" + ports.get(0) + ",redis://127.0.0.1:" + ports.get(1)
                    + ",redis://127.0.0.1:" + ports.get(2), cluster.uris());
            assertEquals("cluster", cluster.quarkusConfig().get("quarkus.redis.client-type"));

            Set<Integer> owners = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                String key = "tl:{u:user-" + i + "}";
                int slot = LocalRedisCluster.slot(key);
                assertEquals(Integer.toString(slot), Resp.call(ports.get(0), "CLUSTER", "KEYSLOT", key));
                int owner = cluster.portOf(key);
                owners.add(owner);
                assertEquals("OK", Resp.call(owner, "SET", key, "v" + i));
                assertEquals("v" + i, Resp.call(owner, "GET", key));
                int other = ports.stream().filter(p -> p != owner).findFirst().orElseThrow();
                IOException moved = assertThrows(IOException.class, () -> Resp.call(other, "GET", key));
                assertTrue(moved.getMessage().startsWith("MOVED " + slot + " 127.0.0.1:" + owner),
                        moved.getMessage());
            }
            assertEquals(3, owners.size(), "keys spread over the three masters");
            // Keys sharing a hash tag share a slot: the multi-key commands of one user stay legal.
            assertEquals(LocalRedisCluster.slot("tl:{u:42}"), LocalRedisCluster.slot("seen:{u:42}"));
        }
    }
}
