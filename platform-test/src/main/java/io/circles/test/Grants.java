package io.circles.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import io.circles.events.IntegrationEvent;
import io.circles.events.Topics;
import io.circles.events.community.CommunityCreated;
import io.circles.events.community.MemberJoined;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes grants (community events, or any event) the way their service does before it answers a granting write:
 * each send returns once Kafka acknowledged it, so a test can make the dependent request at once, as a client that got
 * the 2xx would.
 */
public final class Grants implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    private Grants() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                PlatformTestResource.infrastructure().kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    public static Grants open() {
        return new Grants();
    }

    public void communityCreated(String communityId, String ownerId, String visibility) {
        send(communityId, CommunityCreated.TYPE, communityId, "{\"communityId\":\""
                + communityId + "\",\"name\":\"Grant " + communityId + "\",\"description\":null,\"interests\":"
                + "[\"coffee\"],\"city\":\"Hangzhou\",\"lat\":30.27,\"lon\":120.15,\"visibility\":\"" + visibility
                + "\",\"ownerId\":\"" + ownerId + "\",\"createdAt\":\"" + Instant.now() + "\"}");
        memberJoined(communityId, ownerId, "OWNER");
    }

    public void memberJoined(String communityId, String userId, String role) {
        send(communityId, MemberJoined.TYPE, communityId + "/members/" + userId, "{\"communityId\":\""
                + communityId + "\",\"userId\":\"" + userId + "\",\"role\":\"" + role + "\",\"joinedAt\":\""
                + Instant.now() + "\"}");
    }

    /** Any event, with its JSON {@code payload}, on its topic and key, as {@code source} (a service) publishes it. */
    public void publish(IntegrationEvent event, String payload, String source) {
        send(event.topic(), event.key(), event.eventType(), event.subject(), payload, source);
    }

    private void send(String communityId, String type, String subject, String payload) {
        send(Topics.COMMUNITY_EVENTS, communityId, type, subject, payload, "community-service");
    }

    private void send(String topic, String key, String type, String subject, String payload, String source) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", type);
        header(record, "ce_source", "/" + source);
        header(record, "ce_subject", subject);
        header(record, "ce_time", Instant.now().toString());
        header(record, "ce_specversion", "1.0");
        header(record, "content-type", "application/json");
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + type, e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
