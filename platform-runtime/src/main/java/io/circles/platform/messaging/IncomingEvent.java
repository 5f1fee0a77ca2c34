package io.circles.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A CloudEvent read from Kafka in binary mode. Parsing fails with {@link UnprocessableEventException} when the
 * record is not a Circles event, so the consumer's failure strategy parks it in the dead-letter topic.
 */
public record IncomingEvent(String id, String type, String source, String subject, Instant time, String key,
        String data) {

    public static IncomingEvent from(ConsumerRecord<String, String> record) {
        String id = header(record, CloudEventHeaders.ID);
        String type = header(record, CloudEventHeaders.TYPE);
        if (id == null || id.isBlank() || type == null || type.isBlank()) {
            throw new UnprocessableEventException("record at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " has no ce_id or ce_type header");
        }
        if (record.value() == null) {
            throw new UnprocessableEventException("event " + id + " has no payload");
        }
        String time = header(record, CloudEventHeaders.TIME);
        Instant parsedTime;
        try {
            parsedTime = time == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new UnprocessableEventException("event " + id + " has an invalid ce_time: " + time);
        }
        return new IncomingEvent(id, type, header(record, CloudEventHeaders.SOURCE),
                header(record, CloudEventHeaders.SUBJECT), parsedTime, record.key(), record.value());
    }

    /** The payload as {@code payloadType}; a payload that does not fit is unprocessable, not a crash. */
    public <T> T dataAs(Class<T> payloadType, ObjectMapper mapper) {
        try {
            return mapper.readValue(data, payloadType);
        } catch (JsonProcessingException e) {
            throw new UnprocessableEventException("event " + id + " (" + type + ") has an unreadable payload: "
                    + e.getOriginalMessage());
        }
    }

    /** Where a record is: {@code topic-partition@offset}, for logs. */
    public static String describe(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
