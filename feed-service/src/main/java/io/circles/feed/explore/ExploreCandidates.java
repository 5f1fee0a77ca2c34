package io.circles.feed.explore;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.activity.ActivityCancelled;
import io.circles.events.activity.ActivityScheduled;
import io.circles.events.activity.RsvpChanged;
import io.circles.events.community.CommunityArchived;
import io.circles.events.community.CommunityUpdated;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.content.MerchantPostRemoved;
import io.circles.events.merchant.MerchantOnboarded;
import io.circles.events.post.CommentAdded;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostReacted;
import io.circles.events.post.PostRemoved;
import io.circles.feed.membership.Communities;
import io.circles.feed.membership.FeedKeys;
import io.circles.platform.messaging.IncomingEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Explore's candidates and their engagement, kept by the projections that already read the events (one call each,
 * after their own work): a public community's post or activity, and a merchant's post or activity
 * ({@link MerchantCandidates}), becomes a candidate when published; likes, comments and people going are copied from
 * the counts the events carry (absolute counts, so a replayed event changes nothing), and an item leaves when removed
 * or cancelled. A community turned private or archived is hidden as a whole
 * ({@link FeedKeys#EXPLORE_HIDDEN_COMMUNITIES}) rather than its items found and removed; public again, they are back.
 * It stays hidden for one window: what it published before is older than the window by then, and what it publishes
 * while private is no candidate. A suspended merchant is hidden the same way, by the set every feed reads
 * ({@link FeedKeys#SUSPENDED_MERCHANTS}).
 */
@ApplicationScoped
public class ExploreCandidates {

    static final String PUBLIC = "PUBLIC";

    private final ExploreStore store;
    private final MerchantCandidates merchants;
    private final Communities communities;
    private final ObjectMapper json;

    ExploreCandidates(ExploreStore store, MerchantCandidates merchants, Communities communities, ObjectMapper json) {
        this.store = store;
        this.merchants = merchants;
        this.communities = communities;
        this.json = json;
    }

    /** What this event changes in explore; events explore does not use change nothing. */
    public Uni<Void> apply(IncomingEvent event) {
        return switch (event.type()) {
            case PostPublished.TYPE -> {
                PostPublished post = event.dataAs(PostPublished.class, json);
                yield PUBLIC.equals(post.visibility())
                        ? store.add(post.postId(), post.publishedAt(), Candidate.of(post.publishedAt().toEpochMilli(),
                                post.authorId(), post.communityId(), post.city(), post.interests()))
                        : Uni.createFrom().voidItem();
            }
            case PostReacted.TYPE -> {
                PostReacted reacted = event.dataAs(PostReacted.class, json);
                yield store.count(FeedKeys.EXPLORE_LIKES, reacted.postId(), reacted.reactionCount());
            }
            case CommentAdded.TYPE -> {
                CommentAdded comment = event.dataAs(CommentAdded.class, json);
                yield store.count(FeedKeys.EXPLORE_COMMENTS, comment.postId(), comment.commentCount());
            }
            case PostRemoved.TYPE -> store.remove(event.dataAs(PostRemoved.class, json).postId());
            case ActivityScheduled.TYPE -> {
                ActivityScheduled scheduled = event.dataAs(ActivityScheduled.class, json);
                yield scheduled.merchantId() != null ? merchants.schedule(scheduled) : schedule(scheduled);
            }
            case RsvpChanged.TYPE -> {
                RsvpChanged rsvp = event.dataAs(RsvpChanged.class, json);
                yield store.count(FeedKeys.EXPLORE_GOING, rsvp.activityId(), rsvp.goingCount());
            }
            case ActivityCancelled.TYPE -> store.remove(event.dataAs(ActivityCancelled.class, json).activityId());
            case CommunityUpdated.TYPE -> {
                CommunityUpdated updated = event.dataAs(CommunityUpdated.class, json);
                yield store.hide(updated.communityId(), !PUBLIC.equals(updated.visibility()));
            }
            case CommunityArchived.TYPE -> store.hide(event.dataAs(CommunityArchived.class, json).communityId(), true);
            case MerchantPostPublished.TYPE -> merchants.publish(event.dataAs(MerchantPostPublished.class, json));
            case MerchantPostRemoved.TYPE -> store.remove(event.dataAs(MerchantPostRemoved.class, json).postId());
            case MerchantOnboarded.TYPE -> merchants.onboarded(event.dataAs(MerchantOnboarded.class, json));
            default -> Uni.createFrom().voidItem();
        };
    }

    /**
     * An activity of a public community that the feed knows (its community events are on another topic: an activity
     * scheduled before the feed heard of its community is no candidate, as it cannot be placed in a city).
     */
    private Uni<Void> schedule(ActivityScheduled scheduled) {
        if (scheduled.communityId() == null) {
            return Uni.createFrom().voidItem();
        }
        return communities.meta(scheduled.communityId()).chain(meta -> isPublic(meta)
                ? store.add(scheduled.activityId(), scheduled.scheduledAt(),
                        Candidate.of(scheduled.scheduledAt().toEpochMilli(), scheduled.organizerId(),
                                scheduled.communityId(), meta.get("city"), interests(meta.get("interests"))))
                : Uni.createFrom().voidItem());
    }

    private static boolean isPublic(Map<String, String> meta) {
        return PUBLIC.equals(meta.get("visibility")) && !"true".equals(meta.get("archived"));
    }

    private static List<String> interests(String stored) {
        return stored == null || stored.isBlank() ? List.of() : Arrays.asList(stored.split(","));
    }
}
