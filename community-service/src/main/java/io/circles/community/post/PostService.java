package io.circles.community.post;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.community.db.Sql;
import io.circles.community.media.UploadedMedia;
import io.circles.community.membership.Access;
import io.circles.community.people.AuthorProfile;
import io.circles.community.people.ProfileService;
import io.circles.community.topic.Hashtags;
import io.circles.community.topic.PostTopics;
import io.circles.events.Media;
import io.circles.events.post.CommentAdded;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostReacted;
import io.circles.events.post.PostRemoved;
import io.circles.events.post.PostUpdated;
import io.circles.platform.idempotency.IdempotencyKeys;
import io.circles.platform.media.MediaItem;
import io.circles.platform.media.MediaRules;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.outbox.OutboxEvent;
import io.circles.platform.outbox.OutboxRelay;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Posts, comments, reactions, reports and moderation. Counters move by atomic SQL, state changes by
 * conditional statements, and every change others care about is recorded in the outbox in the same transaction.
 */
@ApplicationScoped
public class PostService {

    private static final TypeReference<List<Media>> MEDIA_LIST = new TypeReference<>() {
    };

    /**
     * A post without an {@code Idempotency-Key} in one statement, so one round trip and no transaction around it (a
     * statement is atomic): it is inserted only when the community is active and the caller a member of it, and the
     * outbox row is the prepared post-published event with the community's name, visibility, interests and city, read
     * by the same statement, merged into it; the post's topics (its hashtags) are inserted with it. It answers the
     * post's id, or no row when it inserted nothing; the transactional path then says why (404, 403, 409).
     */
    private static final String PUBLISH = """
            with target as (
                select c.id, c.name, c.visibility, c.interests, c.city
                from community c
                where c.id = $1 and c.status = 'ACTIVE'
                  and exists (select 1 from membership m
                              where m.community_id = c.id and m.user_id = $2::text and m.status = 'MEMBER')
            ), created as (
                insert into post (id, community_id, author_id, text, media, status, created_at, updated_at)
                select $3::text, t.id, $2::text, $4::text, $5::text, 'VISIBLE', $6::timestamptz, $6::timestamptz
                from target t
                returning id
            ), recorded as (
                insert into outbox_event (id, topic, record_key, type, source, subject, occurred_at, payload, traceparent)
                select $7::uuid, $8::text, $9::text, $10::text, $11::text, $12::text, $13::timestamptz,
                       ($14::text::jsonb || jsonb_build_object('communityName', t.name, 'visibility', t.visibility,
                           'interests', to_jsonb(t.interests), 'city', t.city))::text, $15::text
                from target t, created
            ), tagged as (
                insert into post_topic (tag, post_id, created_at)
                select tag, created.id, $6::timestamptz from created, unnest($16::text[]) as tag
            )
            select c.id, pr.display_name, pr.avatar_url
            from created c left join profile pr on pr.user_id = $2::text""";

    private final Outbox outbox;
    private final OutboxRelay relay;
    private final IdempotencyKeys idempotencyKeys;
    private final ObjectMapper json;
    private final Pool sql;
    private final ProfileService profiles;
    private final UploadedMedia uploads;

    PostService(Outbox outbox, OutboxRelay relay, IdempotencyKeys idempotencyKeys, ObjectMapper json, Pool sql,
            ProfileService profiles, UploadedMedia uploads) {
        this.uploads = uploads;
        this.outbox = outbox;
        this.relay = relay;
        this.idempotencyKeys = idempotencyKeys;
        this.json = json;
        this.sql = sql;
        this.profiles = profiles;
    }

    /**
     * Publishes a post (members of an active community); a retry with the same key returns the first response. Uploads
     * named by {@code mediaId} are resolved to their URLs first.
     */
    public Uni<IdempotencyKeys.StoredResponse> create(String communityId, String callerId,
            PostRequests.CreatePost request, String idempotencyKey) {
        return uploads.resolve(callerId, request.media()).chain(media -> createResolved(communityId, callerId,
                new PostRequests.CreatePost(request.text(), media), idempotencyKey));
    }

    private Uni<IdempotencyKeys.StoredResponse> createResolved(String communityId, String callerId,
            PostRequests.CreatePost request, String idempotencyKey) {
        MediaRules.checkPost(request.text(), request.media());
        if (idempotencyKey != null) {
            return Panache.withTransaction(() -> createOnce(communityId, callerId, request, idempotencyKey))
                    .invoke(relay::wake);
        }
        Post post = new Post();
        post.id = UUID.randomUUID().toString();
        post.communityId = communityId;
        post.authorId = callerId;
        post.text = blankToNull(request.text());
        List<Media> media = toMedia(request.media());
        post.media = write(media);
        post.status = Post.VISIBLE;
        post.createdAt = now();
        post.updatedAt = post.createdAt;
        // Placeholders where the statement fills in what it reads of the community.
        OutboxEvent event = outbox.prepare(new PostPublished(post.id, communityId, null, null, List.of(), null,
                callerId, post.text, media, post.createdAt));
        Tuple params = event.appendTo(Tuple.tuple().addString(communityId).addString(callerId).addString(post.id)
                .addString(post.text).addString(post.media).addValue(OutboxEvent.utc(post.createdAt)))
                .addArrayOfString(Hashtags.of(post.text).toArray(String[]::new));
        return sql.preparedQuery(PUBLISH).execute(params).flatMap(rows -> {
            if (rows.size() == 0) {
                return Panache.withTransaction(() -> createOnce(communityId, callerId, request, null))
                        .invoke(relay::wake);
            }
            relay.wake();
            Row row = rows.iterator().next();
            AuthorProfile author = AuthorProfile.of(callerId, row.getString("display_name"),
                    row.getString("avatar_url"));
            return idempotencyKeys.once(callerId, "post:" + communityId, null, request,
                    () -> Uni.createFrom().item(IdempotencyKeys.Created.at("/api/posts/" + post.id,
                            view(post, author))));
        });
    }

    /** The transactional path: with an idempotency key, or to say why the single statement inserted nothing. */
    private Uni<IdempotencyKeys.StoredResponse> createOnce(String communityId, String callerId,
            PostRequests.CreatePost request, String idempotencyKey) {
        return Access.load(communityId, callerId, false).flatMap(access -> {
            access.requireMember().requireActive();
            return idempotencyKeys.once(callerId, "post:" + communityId, idempotencyKey, request, () -> {
                Instant now = now();
                List<Media> media = toMedia(request.media());
                Post post = new Post();
                post.id = UUID.randomUUID().toString();
                post.communityId = communityId;
                post.authorId = callerId;
                post.text = blankToNull(request.text());
                post.media = write(media);
                post.status = Post.VISIBLE;
                post.createdAt = now;
                post.updatedAt = now;
                var community = access.community();
                return post.<Post>persist()
                        .call(() -> PostTopics.add(post.id, post.text, now))
                        .call(() -> outbox.append(new PostPublished(post.id, communityId, community.name,
                                community.visibility.name(), community.interests, community.city, callerId, post.text,
                                media, now)))
                        .flatMap(saved -> profiles.card(callerId).map(author ->
                                IdempotencyKeys.Created.at("/api/posts/" + saved.id, view(saved, author))));
            });
        });
    }

    @WithSession
    public Uni<PostViews.PostView> get(String postId, String callerId, boolean admin) {
        return readable(postId, callerId, admin).flatMap(found -> withAuthor(found.post()));
    }

    /** Edits text and/or media (the author only); records post-updated when something changed. */
    public Uni<PostViews.PostView> update(String postId, String callerId, PostRequests.UpdatePost original) {
        return uploads.resolve(callerId, original.media()).chain(resolved -> Panache.withTransaction(() ->
                updateResolved(postId, callerId, new PostRequests.UpdatePost(original.text(), resolved))));
    }

    private Uni<PostViews.PostView> updateResolved(String postId, String callerId, PostRequests.UpdatePost request) {
        return readable(postId, callerId, false).<Post>flatMap(found -> {
            Post post = found.post();
            if (!post.authorId.equals(callerId)) {
                throw ProblemException.forbidden("only the author may edit post " + postId);
            }
            found.access().requireActive();
            String text = request.text() == null ? post.text : blankToNull(request.text());
            List<Media> stored = read(post.media);
            if (request.media() != null || request.text() != null) {
                MediaRules.checkPost(text, request.media() != null ? request.media() : fromMedia(stored));
            }
            // Converted only once checked: a null item is a field error, not a failure here.
            List<Media> media = request.media() == null ? stored : toMedia(request.media());
            String mediaJson = write(media);
            if (Objects.equals(text, post.text) && mediaJson.equals(post.media)) {
                return Uni.createFrom().item(post);
            }
            Instant now = now();
            Uni<Void> topics = Objects.equals(text, post.text) ? Uni.createFrom().voidItem()
                    : PostTopics.replace(post.id, text, post.createdAt);
            post.text = text;
            post.media = mediaJson;
            post.updatedAt = now;
            return topics.flatMap(ignored -> outbox.append(new PostUpdated(post.id, post.communityId, text, media,
                    now))).map(ignored -> post);
        }).flatMap(this::withAuthor);
    }

    /** Deletes (author, moderator, platform admin): records post-removed with reason DELETED. */
    @WithTransaction
    public Uni<Void> delete(String postId, String callerId, boolean admin) {
        return readable(postId, callerId, admin).flatMap(found -> {
            if (!found.post().authorId.equals(callerId) && !found.access().moderator()) {
                throw ProblemException.forbidden("only the author or a moderator may delete post " + postId);
            }
            return remove(found.post(), "DELETED", callerId, "status in ('VISIBLE', 'HIDDEN')");
        });
    }

    /** Hides (moderator, platform admin): records post-removed with reason HIDDEN; hiding twice changes nothing. */
    @WithTransaction
    public Uni<Void> hide(String postId, String callerId, boolean admin) {
        return readable(postId, callerId, admin).flatMap(found -> {
            found.access().requireModerator();
            return remove(found.post(), "HIDDEN", callerId, "status = 'VISIBLE'");
        });
    }

    private Uni<Void> remove(Post post, String reason, String callerId, String fromStatus) {
        Instant now = now();
        return Sql.update("update post set status = :s, updated_at = :now where id = :id and " + fromStatus,
                "s", reason, "now", now, "id", post.id)
                .flatMap(updated -> updated == 0 ? Uni.createFrom().voidItem()
                        : outbox.append(new PostRemoved(post.id, post.communityId, reason, callerId, now))
                                .replaceWithVoid());
    }

    /** Adds a comment (members); the post's comment count moves atomically and travels in comment-added. */
    @WithTransaction
    public Uni<PostViews.CommentView> comment(String postId, String callerId, String text) {
        return readable(postId, callerId, false).call(found -> refuseIfBlocked(found.post(), callerId))
                .flatMap(found -> {
                    found.access().requireMember().requireActive();
                    Instant now = now();
                    String id = UUID.randomUUID().toString();
                    return Sql.update("insert into post_comment (id, post_id, author_id, text, created_at)"
                            + " values (:id, :p, :a, :t, :now)",
                            "id", id, "p", postId, "a", callerId, "t", text, "now", now)
                            .flatMap(ignored -> Sql.update(
                                    "update post set comment_count = comment_count + 1 where id = :id", "id", postId))
                            .flatMap(ignored -> Sql.integer("select comment_count from post where id = :id",
                                    "id", postId))
                            .call(count -> outbox.append(new CommentAdded(id, postId, found.post().communityId,
                                    callerId, text, count, now)))
                            .flatMap(count -> profiles.card(callerId))
                            .map(author -> new PostViews.CommentView(id, postId, callerId, author, text, now));
                });
    }

    /** Adds the caller's reaction; a repeat changes nothing and records nothing. */
    @WithTransaction
    public Uni<PostViews.ReactionView> react(String postId, String callerId, PostRequests.ReactionType type) {
        return readable(postId, callerId, false).call(found -> refuseIfBlocked(found.post(), callerId))
                .flatMap(found -> {
                    found.access().requireMember();
                    Instant now = now();
                    return Sql.update("insert into post_reaction (post_id, user_id, type, created_at)"
                            + " values (:p, :u, :t, :now) on conflict do nothing",
                            "p", postId, "u", callerId, "t", type.name(), "now", now)
                            .flatMap(inserted -> reacted(found.post(), callerId, type, inserted == 1, true, now,
                                    "like_count + 1"));
                });
    }

    /** Removes the caller's reaction; removing one that is not there changes nothing. */
    @WithTransaction
    public Uni<PostViews.ReactionView> unreact(String postId, String callerId, PostRequests.ReactionType type) {
        return readable(postId, callerId, false).flatMap(found -> {
            found.access().requireMember();
            return Sql.update("delete from post_reaction where post_id = :p and user_id = :u and type = :t",
                    "p", postId, "u", callerId, "t", type.name())
                    .flatMap(deleted -> reacted(found.post(), callerId, type, deleted == 1, false, now(),
                            "like_count - 1"));
        });
    }

    private Uni<PostViews.ReactionView> reacted(Post post, String callerId, PostRequests.ReactionType type,
            boolean changed, boolean active, Instant now, String newCount) {
        Uni<Integer> bump = changed
                ? Sql.update("update post set like_count = " + newCount + " where id = :id", "id", post.id)
                : Uni.createFrom().item(0);
        return bump.flatMap(ignored -> Sql.integer("select like_count from post where id = :id", "id", post.id))
                .call(count -> changed
                        ? outbox.append(new PostReacted(post.id, post.communityId, callerId, type.name(), active,
                                count, now))
                        : Uni.createFrom().voidItem())
                .map(count -> new PostViews.ReactionView(post.id, type.name(), active, count));
    }

    /** Reports a post to the moderators (members); one report per member and post. True when new. */
    @WithTransaction
    public Uni<Boolean> report(String postId, String callerId, String reason) {
        return readable(postId, callerId, false).flatMap(found -> {
            found.access().requireMember();
            return Sql.update("insert into post_report (post_id, reporter_id, community_id, reason, created_at)"
                    + " values (:p, :u, :c, :r, :now) on conflict do nothing",
                    "p", postId, "u", callerId, "c", found.post().communityId, "r", reason, "now", now())
                    .map(inserted -> inserted == 1);
        });
    }

    /**
     * 403 when the post's author blocks the caller. The message is the one any refused member gets, so the block
     * itself is not disclosed.
     */
    private Uni<Void> refuseIfBlocked(Post post, String callerId) {
        return Sql.exists("select 1 from person_block where blocker_id = :author and blocked_id = :caller limit 1",
                "author", post.authorId, "caller", callerId).map(blocked -> {
                    if (blocked) {
                        throw ProblemException.forbidden("you may not comment on or react to post " + post.id);
                    }
                    return null;
                });
    }

    /**
     * The post with the caller's access to its community: 404 for a deleted post and for a hidden one unless
     * the caller moderates; 403 when the community is private and the caller is not a member.
     */
    Uni<Found> readable(String postId, String callerId, boolean admin) {
        return Post.<Post>findById(postId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no post " + postId))
                .flatMap(post -> Access.load(post.communityId, callerId, admin).map(access -> {
                    access.requireRead();
                    if ("DELETED".equals(post.status) || !Post.VISIBLE.equals(post.status) && !access.moderator()) {
                        throw ProblemException.notFound("no post " + postId);
                    }
                    return new Found(post, access);
                }));
    }

    private Uni<PostViews.PostView> withAuthor(Post post) {
        return profiles.card(post.authorId).map(author -> view(post, author));
    }

    PostViews.PostView view(Post post, AuthorProfile author) {
        return new PostViews.PostView(post.id, post.communityId, post.authorId, author, post.text, read(post.media),
                post.likeCount, post.commentCount, post.status, post.createdAt, post.updatedAt);
    }

    List<Media> read(String media) {
        try {
            return json.readValue(media, MEDIA_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable media column", e);
        }
    }

    private String write(List<Media> media) {
        try {
            return json.writeValueAsString(media);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize media", e);
        }
    }

    private static List<Media> toMedia(List<MediaItem> items) {
        if (items == null) {
            return List.of();
        }
        return items.stream().map(MediaItem::toMedia).toList();
    }

    private static List<MediaItem> fromMedia(List<Media> media) {
        return media.stream().map(MediaItem::of).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A post and what the caller may do in its community. */
    record Found(Post post, Access access) {
    }
}
