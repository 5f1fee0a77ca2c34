package io.circles.media.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.circles.events.Media;
import io.circles.media.storage.ServedFiles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which published posts carry which media, so the lifecycle job keeps attached media and removes what the last post
 * carrying it left behind. Every change is a set operation, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class PostUsage {

    /** Matches no object key: keeps {@code not in (...)} valid when a post keeps no media. */
    private static final String NONE = "";

    /** The post now carries exactly these media (publish, or an edit that changed them). */
    public Uni<Void> carries(String postId, Collection<String> urls, Instant at) {
        List<String> keys = keysOf(urls);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            Uni<Integer> attach = keys.isEmpty() ? Uni.createFrom().item(0)
                    : session.createNativeQuery("""
                            with m as (select id from media where object_key in (:keys) and status = 'READY'),
                                 used as (insert into media_use (media_id, post_id) select id, :post from m
                                          on conflict do nothing)
                            update media set attached_at = coalesce(attached_at, :at), detached_at = null
                            where id in (select id from m)""")
                    .setParameter("keys", keys)
                    .setParameter("post", postId)
                    .setParameter("at", at)
                    .executeUpdate();
            return attach.chain(() -> release(session, postId, keys.isEmpty() ? List.of(NONE) : keys, at));
        })).replaceWithVoid();
    }

    /** The post was removed: its media start their grace period unless another post still carries them. */
    public Uni<Void> removed(String postId, Instant at) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> release(session, postId, List.of(NONE), at))).replaceWithVoid();
    }

    private static Uni<Integer> release(org.hibernate.reactive.mutiny.Mutiny.Session session, String postId,
            List<String> keep, Instant at) {
        return session.createNativeQuery("""
                        with gone as (delete from media_use
                                      where post_id = :post
                                        and media_id not in (select id from media where object_key in (:keep))
                                      returning media_id)
                        update media set attached_at = null, detached_at = :at
                        where id in (select media_id from gone)
                          and not exists (select 1 from media_use u where u.media_id = media.id and u.post_id <> :post)""")
                .setParameter("post", postId)
                .setParameter("keep", keep)
                .setParameter("at", at)
                .executeUpdate();
    }

    /** Object keys of our served URLs among a post's media (URL and cover), ignoring links elsewhere. */
    static List<String> keysOf(Collection<String> urls) {
        Set<String> keys = new LinkedHashSet<>();
        for (String url : urls == null ? List.<String>of() : urls) {
            ServedFiles.keyOfUrl(url).ifPresent(keys::add);
        }
        return new ArrayList<>(keys);
    }

    /** The URLs a post's media list names. */
    public static List<String> urls(List<Media> media) {
        List<String> urls = new ArrayList<>();
        if (media != null) {
            for (Media m : media) {
                if (m != null) {
                    urls.add(m.url());
                    urls.add(m.coverUrl());
                }
            }
        }
        return urls;
    }
}
