package io.circles.feed.activity;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.activity.ActivityCancelled;
import io.circles.events.activity.ActivityReminder;
import io.circles.events.activity.ActivityScheduled;
import io.circles.events.activity.ActivityUpdated;
import io.circles.feed.explore.ExploreCandidates;
import io.circles.feed.membership.Communities;
import io.circles.feed.membership.FeedKeys;
import io.circles.feed.merchant.MerchantProjection;
import io.circles.feed.timeline.FeedItem;
import io.circles.feed.timeline.Timelines;
import io.circles.platform.messaging.IncomingEvent;
import io.circles.platform.messaging.TransientFailures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Activities into the feed: a scheduled activity is fanned out like a post; a reminder is a separate card that only
 * the attendees it names receive; a cancelled activity disappears from every feed, its reminder with it.
 */
@ApplicationScoped
public class ActivityProjection {

    static final String CHANNEL = "activity-events";

    private final Communities communities;
    private final MerchantProjection merchants;
    private final Timelines timelines;
    private final ObjectMapper json;
    private final ExploreCandidates explore;

    ActivityProjection(Communities communities, MerchantProjection merchants, Timelines timelines,
            ObjectMapper json, ExploreCandidates explore) {
        this.communities = communities;
        this.merchants = merchants;
        this.timelines = timelines;
        this.json = json;
        this.explore = explore;
    }

    /** The id of an activity's reminder card: one per activity, so a repeated reminder replaces the first. */
    public static String reminderId(String activityId) {
        return activityId + ":reminder";
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return TransientFailures.retried(() -> apply(IncomingEvent.from(record)), IncomingEvent.describe(record));
    }

    Uni<Void> apply(IncomingEvent event) {
        Uni<Void> applied = switch (event.type()) {
            case ActivityScheduled.TYPE -> schedule(event.dataAs(ActivityScheduled.class, json));
            case ActivityUpdated.TYPE -> {
                ActivityUpdated updated = event.dataAs(ActivityUpdated.class, json);
                FeedItem.ActivityInfo info = new FeedItem.ActivityInfo(updated.activityId(), updated.title(),
                        updated.startsAt(), updated.endsAt(), updated.venue(), updated.capacity());
                yield timelines.rewrite(updated.activityId(), card -> card.withActivity(updated.description(), info));
            }
            case ActivityCancelled.TYPE -> {
                ActivityCancelled cancelled = event.dataAs(ActivityCancelled.class, json);
                if (cancelled.merchantId() != null) {
                    yield merchants.withdraw(cancelled.activityId(), cancelled.merchantId())
                            .chain(() -> timelines.remove(reminderId(cancelled.activityId()), null, List.of()));
                }
                yield communities.members(cancelled.communityId())
                        .chain(members -> timelines.remove(cancelled.activityId(),
                                FeedKeys.communityTimeline(cancelled.communityId()), members)
                                .chain(() -> timelines.remove(reminderId(cancelled.activityId()), null, members)));
            }
            case ActivityReminder.TYPE -> remind(event.dataAs(ActivityReminder.class, json));
            default -> Uni.createFrom().voidItem();
        };
        return applied.chain(() -> explore.apply(event));
    }

    private Uni<Void> schedule(ActivityScheduled scheduled) {
        return timelines.isRemoved(scheduled.activityId()).chain(removed -> removed
                ? Uni.createFrom().voidItem()
                : scheduled.merchantId() != null ? scheduleForMerchant(scheduled)
                : communities.meta(scheduled.communityId()).chain(meta -> {
                    FeedItem card = new FeedItem(scheduled.activityId(), FeedItem.ACTIVITY, false,
                            scheduled.scheduledAt(), scheduled.organizerId(),
                            new FeedItem.CommunityRef(scheduled.communityId(), meta.get("name")), null,
                            scheduled.description(), List.of(),
                            new FeedItem.ActivityInfo(scheduled.activityId(), scheduled.title(),
                                    scheduled.startsAt(), scheduled.endsAt(), scheduled.venue(),
                                    scheduled.capacity()),
                            null);
                    return timelines.store(card, FeedKeys.communityTimeline(scheduled.communityId()),
                                FeedKeys.liveCommunity(scheduled.communityId()))
                            .chain(() -> communities.fanOutTargets(scheduled.communityId()))
                            .chain(members -> timelines.fanOut(members, card.id(), card.score()));
                }));
    }

    /** A merchant's activity reaches its followers, as the merchant's posts do. */
    private Uni<Void> scheduleForMerchant(ActivityScheduled scheduled) {
        FeedItem card = new FeedItem(scheduled.activityId(), FeedItem.ACTIVITY, false, scheduled.scheduledAt(),
                scheduled.organizerId(), null, new FeedItem.MerchantRef(scheduled.merchantId(), null),
                scheduled.description(), List.of(),
                new FeedItem.ActivityInfo(scheduled.activityId(), scheduled.title(), scheduled.startsAt(),
                        scheduled.endsAt(), scheduled.venue(), scheduled.capacity()),
                null);
        return merchants.announce(card, scheduled.merchantId());
    }

    private Uni<Void> remind(ActivityReminder reminder) {
        String id = reminderId(reminder.activityId());
        return timelines.isRemoved(reminder.activityId()).chain(cancelled -> cancelled
                ? Uni.createFrom().voidItem()
                : communities.meta(reminder.communityId()).chain(meta -> {
                    FeedItem card = new FeedItem(id, FeedItem.REMINDER, false, reminder.remindedAt(), null,
                            new FeedItem.CommunityRef(reminder.communityId(), meta.get("name")), null,
                            reminder.title(), List.of(),
                            new FeedItem.ActivityInfo(reminder.activityId(), reminder.title(), reminder.startsAt(),
                                    null, reminder.venue(), null),
                            null);
                    List<String> attendees = reminder.attendeeIds() == null ? List.of() : reminder.attendeeIds();
                    return timelines.storeCard(card)
                            .chain(() -> timelines.deliver(attendees, id, card.score()));
                }));
    }
}
