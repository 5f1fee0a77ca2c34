package io.circles.events;

import java.util.List;

import io.circles.events.activity.ActivityCancelled;
import io.circles.events.activity.ActivityReminder;
import io.circles.events.activity.ActivityScheduled;
import io.circles.events.activity.ActivityUpdated;
import io.circles.events.activity.AttendeeCheckedIn;
import io.circles.events.activity.RsvpChanged;
import io.circles.events.community.CommunityArchived;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.CommunityUpdated;
import io.circles.events.community.JoinRejected;
import io.circles.events.community.JoinRequested;
import io.circles.events.community.MemberBanned;
import io.circles.events.community.MemberJoined;
import io.circles.events.community.MemberLeft;
import io.circles.events.community.MemberRoleChanged;
import io.circles.events.community.MemberUnbanned;
import io.circles.events.content.MerchantPostPublished;
import io.circles.events.content.MerchantPostRemoved;
import io.circles.events.content.ProductListed;
import io.circles.events.content.ProductUpdated;
import io.circles.events.content.PromotionExhausted;
import io.circles.events.content.PromotionLaunched;
import io.circles.events.content.PromotionPaused;
import io.circles.events.content.PromotionResumed;
import io.circles.events.feed.PromotionClicked;
import io.circles.events.feed.PromotionImpression;
import io.circles.events.media.MediaDeleted;
import io.circles.events.media.MediaReady;
import io.circles.events.merchant.MerchantApproved;
import io.circles.events.merchant.MerchantFollowed;
import io.circles.events.merchant.MerchantOnboarded;
import io.circles.events.merchant.MerchantRejected;
import io.circles.events.merchant.MerchantSuspended;
import io.circles.events.merchant.MerchantUnfollowed;
import io.circles.events.people.PersonBlocked;
import io.circles.events.people.PersonUnblocked;
import io.circles.events.people.ProfileUpdated;
import io.circles.events.post.CommentAdded;
import io.circles.events.post.PostPublished;
import io.circles.events.post.PostReacted;
import io.circles.events.post.PostRemoved;
import io.circles.events.post.PostUpdated;

/** Every event of the contract, by topic; the AsyncAPI document and the contract tests are checked against it. */
public final class EventCatalog {

    public static final List<Class<? extends IntegrationEvent>> ALL = List.of(
            CommunityCreated.class,
            MemberJoined.class,
            JoinRequested.class,
            CommunityUpdated.class,
            CommunityArchived.class,
            MemberLeft.class,
            MemberRoleChanged.class,
            MemberBanned.class,
            MemberUnbanned.class,
            JoinRejected.class,
            PostPublished.class,
            PostUpdated.class,
            PostRemoved.class,
            CommentAdded.class,
            PostReacted.class,
            ActivityScheduled.class,
            ActivityUpdated.class,
            ActivityCancelled.class,
            RsvpChanged.class,
            AttendeeCheckedIn.class,
            ActivityReminder.class,
            MerchantOnboarded.class,
            MerchantApproved.class,
            MerchantRejected.class,
            MerchantSuspended.class,
            MerchantFollowed.class,
            MerchantUnfollowed.class,
            MerchantPostPublished.class,
            MerchantPostRemoved.class,
            ProductListed.class,
            ProductUpdated.class,
            PromotionLaunched.class,
            PromotionPaused.class,
            PromotionResumed.class,
            PromotionExhausted.class,
            PromotionImpression.class,
            PromotionClicked.class,
            ProfileUpdated.class,
            PersonBlocked.class,
            PersonUnblocked.class,

            MediaReady.class,
            MediaDeleted.class);

    private EventCatalog() {
    }
}
