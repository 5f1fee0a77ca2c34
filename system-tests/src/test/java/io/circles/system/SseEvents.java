package io.circles.system;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads named server-sent events off a {@link LiveStream}. */
final class SseEvents {

    private final LiveStream stream;
    private final ObjectMapper json;

    SseEvents(LiveStream stream, ObjectMapper json) {
        this.stream = stream;
        this.json = json;
    }

    /** The data of the next event named {@code name}, skipping others; fails when the stream ends or times out. */
    JsonNode next(String name) throws IOException {
        String event = null;
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = stream.readLine()) != null) {
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            } else if (line.isEmpty() && event != null) {
                if (event.equals(name)) {
                    return json.readTree(data.toString());
                }
                event = null;
                data.setLength(0);
            }
        }
        throw new IOException("the stream ended before a " + name + " event");
    }
}
