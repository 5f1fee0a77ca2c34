package io.circles.notification.intake;

import io.circles.notification.activity.ActivityEvents;
import io.circles.notification.community.CommunityEvents;
import io.circles.notification.merchant.MerchantContentEvents;
import io.circles.notification.merchant.MerchantEvents;
import io.circles.notification.people.PeopleEvents;
import io.circles.notification.post.PostEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The six topics this service reads, one channel each (topic names in application.properties). */
@ApplicationScoped
public class TopicConsumers {

    static final String COMMUNITY_EVENTS = "community-events";
    static final String COMMUNITY_POSTS = "community-posts";
    static final String ACTIVITY_EVENTS = "activity-events";
    static final String MERCHANT_EVENTS = "merchant-events";
    static final String MERCHANT_CONTENT = "merchant-content";
    static final String PEOPLE_EVENTS = "people-events";

    private final Intake intake;
    private final CommunityEvents community;
    private final PostEvents posts;
    private final ActivityEvents activities;
    private final MerchantEvents merchants;
    private final MerchantContentEvents merchantContent;
    private final PeopleEvents people;

    TopicConsumers(Intake intake, CommunityEvents community, PostEvents posts, ActivityEvents activities,
            MerchantEvents merchants, MerchantContentEvents merchantContent, PeopleEvents people) {
        this.intake = intake;
        this.community = community;
        this.posts = posts;
        this.activities = activities;
        this.merchants = merchants;
        this.merchantContent = merchantContent;
        this.people = people;
    }

    @Incoming(COMMUNITY_EVENTS)
    public Uni<Void> communityEvents(ConsumerRecord<String, String> record) {
        return intake.consume(record, community);
    }

    @Incoming(COMMUNITY_POSTS)
    public Uni<Void> communityPosts(ConsumerRecord<String, String> record) {
        return intake.consume(record, posts);
    }

    @Incoming(ACTIVITY_EVENTS)
    public Uni<Void> activityEvents(ConsumerRecord<String, String> record) {
        return intake.consume(record, activities);
    }

    @Incoming(MERCHANT_EVENTS)
    public Uni<Void> merchantEvents(ConsumerRecord<String, String> record) {
        return intake.consume(record, merchants);
    }

    @Incoming(MERCHANT_CONTENT)
    public Uni<Void> merchantContent(ConsumerRecord<String, String> record) {
        return intake.consume(record, merchantContent);
    }

    @Incoming(PEOPLE_EVENTS)
    public Uni<Void> peopleEvents(ConsumerRecord<String, String> record) {
        return intake.consume(record, people);
    }
}
