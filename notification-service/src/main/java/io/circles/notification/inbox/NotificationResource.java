package io.circles.notification.inbox;

import static io.circles.platform.openapi.ProblemResponses.BAD_REQUEST;
import static io.circles.platform.openapi.ProblemResponses.NOT_FOUND;

import io.circles.notification.live.LiveNotifications;
import io.circles.platform.identity.Caller;
import io.circles.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's notifications. There is no user id in any path: a user only ever reads and marks their own. */
@Tag(name = "Notifications", description = "The caller's notifications: list, unread count, mark read, live stream.")
@Path("/api/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final Caller caller;
    private final Inbox inbox;
    private final LiveNotifications live;

    NotificationResource(Caller caller, Inbox inbox, LiveNotifications live) {
        this.caller = caller;
        this.inbox = inbox;
        this.live = live;
    }

    @GET
    @Operation(operationId = "listNotifications", summary = "List the caller's notifications",
            description = "Newest first, grouped (likes on one post are one notification with the latest actors "
                    + "and a count); unread=true lists the unread ones only.")
    @APIResponse(responseCode = "200", description = "A page of notifications, newest first.")
    @APIResponse(responseCode = "400", ref = BAD_REQUEST)
    public Uni<Page<NotificationView>> list(@QueryParam("unread") String unread, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return inbox.page(caller.id(), unreadOnly(unread), Cursor.limit(limit), Cursor.decode(cursor));
    }

    @GET
    @Path("/unread-count")
    @Operation(operationId = "getUnreadNotificationCount", summary = "Count unread notifications",
            description = "How many of the caller's notifications are unread.")
    @APIResponse(responseCode = "200", description = "The unread count.")
    public Uni<UnreadCount> unreadCount() {
        return inbox.unreadCount(caller.id()).map(UnreadCount::new);
    }

    @POST
    @Path("/{id}/read")
    @Operation(operationId = "markNotificationRead", summary = "Mark a notification read",
            description = "Marks one of the caller's notifications read; 204.")
    @APIResponse(responseCode = "204", description = "Marked read.")
    @APIResponse(responseCode = "404", ref = NOT_FOUND)
    public Uni<Void> read(@PathParam("id") String id) {
        return inbox.markRead(caller.id(), id);
    }

    @POST
    @Path("/read-all")
    @Operation(operationId = "markAllNotificationsRead", summary = "Mark all notifications read",
            description = "Marks every notification of the caller read; 204.")
    @APIResponse(responseCode = "204", description = "All marked read.")
    public Uni<Void> readAll() {
        return inbox.markAllRead(caller.id());
    }

    /** Server-sent events: {@code unread-count} at once and after every change, {@code notification} as each lands. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamNotifications", summary = "Stream notifications",
            description = "Server-Sent Events: unread-count at once and after every change, notification as each "
                    + "lands.")
    @APIResponse(responseCode = "200", description = "An open event stream.")
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        return live.of(caller.id()).map(message -> sse.newEventBuilder().name(message.name())
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(message.data()).build());
    }

    private static boolean unreadOnly(String unread) {
        if (unread == null || unread.isBlank() || unread.equalsIgnoreCase("false")) {
            return false;
        }
        if (unread.equalsIgnoreCase("true")) {
            return true;
        }
        throw ProblemException.badRequest("unread", "must be true or false");
    }
}
