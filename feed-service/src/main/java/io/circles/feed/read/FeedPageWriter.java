package io.circles.feed.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.feed.cache.DirectMappedCache;
import io.circles.feed.people.AuthorProfile;
import io.circles.feed.timeline.FeedItem;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Writes feed pages as JSON from cards rendered once. The cards of a page are mostly the same objects page after page
 * (a popular post is in thousands of timelines, and {@code Timelines.read} hands out one parsed card per stored
 * text), and serialising them again for every page was a fifth of feed-service's CPU in the feed read benchmark. A
 * card's JSON is kept beside the card object it was rendered from (by identity: an edited card is a new object, so it
 * is rendered afresh); a page is its cards' JSON joined into the page's envelope.
 *
 * <p>The bytes are exactly what Jackson writes for the same {@link FeedPage} with the application's
 * {@link ObjectMapper} (each card is rendered by that mapper; {@code FeedPageWriterTest} compares whole pages), each
 * card with its author's profile added as a last property, {@code authorProfile}.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class FeedPageWriter implements ServerMessageBodyWriter<FeedPage> {

    private static final byte[] ITEMS = "{\"items\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CURSOR = "],\"nextCursor\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AUTHOR = ",\"authorProfile\":".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper json;
    /** The JSON of recently written cards, by the card object (identity: an edited card is a new object). */
    private final DirectMappedCache<FeedItem, byte[]> rendered = DirectMappedCache.byIdentity(16_384);
    /** The JSON of recently written author profiles, by the profile object (a rename is a new object). */
    private final DirectMappedCache<AuthorProfile, byte[]> renderedAuthors = DirectMappedCache.byIdentity(4_096);

    FeedPageWriter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target,
            MediaType mediaType) {
        return type == FeedPage.class;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == FeedPage.class;
    }

    @Override
    public void writeResponse(FeedPage page, Type genericType, ServerRequestContext context) throws IOException {
        // One write with the length known, as the framework's own writers of strings and bytes do.
        context.serverResponse().end(render(page));
    }

    @Override
    public void writeTo(FeedPage page, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        out.write(render(page));
    }

    byte[] render(FeedPage page) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 * Math.max(1, page.items().size()));
        out.write(ITEMS);
        boolean first = true;
        for (FeedItem item : page.items()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            byte[] card = rendered.get(item, json::writeValueAsBytes);
            AuthorProfile author = item.author() == null ? null : page.authors().get(item.author());
            if (author == null) {
                out.write(card);
            } else {
                // The card's object, its closing brace held back for the author's profile as its last property.
                out.write(card, 0, card.length - 1);
                out.write(AUTHOR);
                out.write(renderedAuthors.get(author, json::writeValueAsBytes));
                out.write('}');
            }
        }
        out.write(CURSOR);
        out.write(json.writeValueAsBytes(page.nextCursor()));
        out.write('}');
        return out.toByteArray();
    }
}
