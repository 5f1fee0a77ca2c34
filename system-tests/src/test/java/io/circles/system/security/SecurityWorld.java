package io.circles.system.security;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.circles.local.LocalGateway;
import io.circles.system.PlatformUnderTest;
import io.circles.test.Tokens;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The data the security suites act on, created through the public API as users would: one user per {@link Role},
 * a public and a private community (both owned by the owner, with a member, a moderator and a banned user, a post and an
 * activity with GOING attendees), and two merchants (the merchant owner's with a post, a product and a promotion, and
 * the rival's). Created once per JVM; calls that consume what they act on get fresh targets from the helpers.
 */
final class SecurityWorld {

    /** One community of the world and what lives in it. */
    final class Community {
        final String id;
        final String visibility;
        String postId;
        String activityId;
        /** GOING attendees nobody else uses: each check-in or removal takes one. */
        final Deque<String> attendees = new ArrayDeque<>();

        private Community(String id, String visibility) {
            this.id = id;
            this.visibility = visibility;
        }

        boolean isPrivate() {
            return "PRIVATE".equals(visibility);
        }

        /** A GOING attendee (a member with an RSVP) for a call that consumes one. */
        String takeAttendee() {
            if (attendees.isEmpty()) {
                String user = Tokens.newUserId("attendee");
                join(this, user);
                awaitStatus(200, () -> api.json("PUT", "/api/activities/" + activityId + "/rsvps/me", token(user),
                        null));
                return user;
            }
            return attendees.pop();
        }
    }

    static final String CITY = "Hangzhou";

    private static SecurityWorld shared;

    /** The gateway, as clients reach the platform. */
    final Api api;
    private final PlatformUnderTest platform;
    final Map<Role, String> users = new EnumMap<>(Role.class);
    final Community publicCommunity;
    final Community privateCommunity;
    final String merchant;
    final String merchantPost;
    final String product;
    final String promotion;
    final String rivalMerchant;
    final String rivalPost;
    /** A READY image uploaded by the member, and the served name of its file. */
    final String media;
    final String mediaFile;

    private SecurityWorld(PlatformUnderTest platform) {
        this.platform = platform;
        api = new Api(platform.gatewayUrl());
        for (Role role : Role.values()) {
            if (role != Role.ANONYMOUS) {
                users.put(role, Tokens.newUserId(role.column()));
            }
        }
        publicCommunity = community("PUBLIC", 6);
        privateCommunity = community("PRIVATE", 6);
        for (Community community : new Community[] {publicCommunity, privateCommunity}) {
            community.postId = post(community, "Welcome to " + community.visibility.toLowerCase() + " circle");
            community.activityId = awaitStatus(201, () -> api.json("POST", "/api/activities", token(Role.OWNER),
                    activityJson(community.id, "Dawn ride"))).field("id");
            // The member joined last: once the event service lets them RSVP it has seen every earlier change.
            awaitStatus(200, () -> api.json("PUT", "/api/activities/" + community.activityId + "/rsvps/me",
                    token(Role.MEMBER), null));
            for (String attendee : community.attendees) {
                expect(200, api.json("PUT", "/api/activities/" + community.activityId + "/rsvps/me", token(attendee),
                        null));
            }
        }
        merchant = merchant(Role.MERCHANT_OWNER);
        merchantPost = merchantPost(merchant, Role.MERCHANT_OWNER);
        product = expect(201, api.json("POST", "/api/merchants/" + merchant + "/products", token(Role.MERCHANT_OWNER),
                "{\"title\":\"Pour-over kit\",\"priceCents\":12900,\"currency\":\"CNY\",\"stock\":5,"
                        + "\"images\":[\"https://cdn.example.com/kit.jpg\"]}")).field("id");
        promotion = expect(201, api.json("POST", "/api/merchants/" + merchant + "/promotions",
                token(Role.MERCHANT_OWNER), promotionJson(merchantPost))).field("id");
        rivalMerchant = merchant(Role.RIVAL);
        rivalPost = merchantPost(rivalMerchant, Role.RIVAL);
        media = upload(Role.MEMBER);
        String url = expect(200, api.get("/api/media/" + media, token(Role.MEMBER))).field("url");
        mediaFile = url.substring(url.lastIndexOf('/') + 1);
    }

    /** A READY PNG of the role's user, uploaded through the gateway with the signed URL, then completed. */
    String upload(Role owner) {
        byte[] png = TINY_PNG;
        Api.Reply ticket = expect(201, api.json("POST", "/api/media", token(owner),
                "{\"type\":\"IMAGE\",\"contentType\":\"image/png\",\"sizeBytes\":" + png.length + "}"));
        String url = ticket.field("uploadUrl");
        String origin = platform.gatewayUrl();
        if (!url.startsWith(origin + "/")) {
            throw new FixtureFailure("upload URL " + url + " is not on the gateway's origin " + origin, ticket, null);
        }
        // Every header media-service lists is signed into the URL (Content-Type, If-None-Match): send them all.
        Map<String, String> headers = new LinkedHashMap<>();
        ticket.json().path("uploadHeaders").properties()
                .forEach(header -> headers.put(header.getKey(), header.getValue().asText()));
        expect(200, api.send("PUT", url.substring(origin.length()), null, png, null, headers));
        String id = ticket.field("id");
        expect(200, api.json("POST", "/api/media/" + id + "/complete", token(owner), null));
        return id;
    }

    /** A 1x1 PNG. */
    private static final byte[] TINY_PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /** A world of its own, for a suite that damages what it acts on. */
    static SecurityWorld create() {
        return new SecurityWorld(PlatformUnderTest.get());
    }

    /** The world of this JVM, created on first use. */
    static synchronized SecurityWorld get() {
        if (shared == null) {
            shared = new SecurityWorld(PlatformUnderTest.get());
        }
        return shared;
    }

    /**
     * The gateway for paths it routes; for any other path the service that declares it, directly (an operation the
     * gateway does not expose must be just as safe when the service is reached another way).
     */
    Api apiFor(String path) {
        // The local gateway holds back the head of an event stream until its first event: streams go to the service.
        boolean stream = path.endsWith("/stream");
        for (Map.Entry<String, Integer> route : LocalGateway.DEFAULT_ROUTES.entrySet()) {
            if (!stream && (path.equals(route.getKey()) || path.startsWith(route.getKey() + "/"))) {
                return api;
            }
        }
        for (OpenApiOperations.Operation operation : OpenApiOperations.all()) {
            if (operation.path().equals(path)) {
                return new Api(platform.service(operation.service()).baseUrl());
            }
        }
        throw new IllegalArgumentException("no service declares " + path);
    }

    String user(Role role) {
        return users.get(role);
    }

    /** The bearer token of a role (null for anonymous). */
    String token(Role role) {
        return switch (role) {
            case ANONYMOUS -> null;
            case ADMIN -> Tokens.forUser(users.get(role), "platform-admin");
            default -> Tokens.forUser(users.get(role));
        };
    }

    String token(String user) {
        return Tokens.forUser(user);
    }

    Community community(boolean isPrivate) {
        return isPrivate ? privateCommunity : publicCommunity;
    }

    /**
     * A community owned by the owner with the moderator, the banned user and the member in their roles, and
     * {@code attendees} more members; the member joins last.
     */
    Community community(String visibility, int attendees) {
        String id = expect(201, api.json("POST", "/api/communities", token(Role.OWNER),
                communityJson("Circle " + ThreadLocalRandom.current().nextInt(1_000_000), visibility))).field("id");
        Community community = new Community(id, visibility);
        join(community, user(Role.MODERATOR));
        expect(200, api.json("PUT", "/api/communities/" + id + "/members/" + user(Role.MODERATOR) + "/role",
                token(Role.OWNER), "{\"role\":\"MODERATOR\"}"));
        join(community, user(Role.BANNED));
        expect(201, api.json("POST", "/api/communities/" + id + "/bans", token(Role.OWNER),
                "{\"userId\":\"" + user(Role.BANNED) + "\",\"reason\":\"spam\"}"));
        for (int i = 0; i < attendees; i++) {
            String attendee = Tokens.newUserId("attendee");
            join(community, attendee);
            community.attendees.add(attendee);
        }
        join(community, user(Role.MEMBER));
        return community;
    }

    /** Makes {@code user} a member: a join, approved by the owner where the community is private. */
    void join(Community community, String user) {
        expect(201, api.json("POST", "/api/communities/" + community.id + "/members", token(user), null));
        if (community.isPrivate()) {
            expect(200, api.json("POST", "/api/communities/" + community.id + "/join-requests/" + user + "/approve",
                    token(Role.OWNER), null));
        }
    }

    /** A user with a pending request to join (only a private community has requests). */
    String pendingUser(Community community) {
        String user = Tokens.newUserId("asker");
        expect(201, api.json("POST", "/api/communities/" + community.id + "/members", token(user),
                "{\"answer\":\"I ride every weekend\"}"));
        return user;
    }

    /**
     * A notification of the moderator's (being made moderator is one): the id only they may mark read. Waits for
     * notification-service to have consumed the role change.
     */
    String moderatorNotification() {
        Api.Reply[] last = new Api.Reply[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = api.get("/api/notifications", token(Role.MODERATOR));
            return last[0].status() == 200 && !last[0].json().get("items").isEmpty();
        });
        return last[0].json().get("items").get(0).get("id").asText();
    }

    /** A plain member who joined just now. */
    String newMember(Community community) {
        String user = Tokens.newUserId("joiner");
        join(community, user);
        return user;
    }

    /** A user the owner has just banned. */
    String newlyBanned(Community community) {
        String user = Tokens.newUserId("troll");
        expect(201, api.json("POST", "/api/communities/" + community.id + "/bans", token(Role.OWNER),
                "{\"userId\":\"" + user + "\",\"reason\":\"spam\"}"));
        return user;
    }

    /** A post by the member. */
    String post(Community community, String text) {
        return expect(201, api.json("POST", "/api/communities/" + community.id + "/posts", token(Role.MEMBER),
                "{\"text\":\"" + text + "\"}")).field("id");
    }

    /** An activity the owner organizes (the event service already knows the community). */
    String activity(Community community) {
        return awaitStatus(201, () -> api.json("POST", "/api/activities", token(Role.OWNER),
                activityJson(community.id, "Evening ride"))).field("id");
    }

    /** An ACTIVE merchant (a low-risk category with a valid licence) of the role's user. */
    String merchant(Role owner) {
        return expect(201, api.json("POST", "/api/merchants", token(owner), merchantJson())).field("id");
    }

    /** A merchant waiting for review (a category that is not low-risk) of the role's user. */
    String pendingMerchant(Role owner) {
        return expect(201, api.json("POST", "/api/merchants", token(owner),
                merchantJson().replace("\"cafe\"", "\"bar\""))).field("id");
    }

    String merchantPost(String merchantId, Role owner) {
        return expect(201, api.json("POST", "/api/merchants/" + merchantId + "/posts", token(owner),
                "{\"text\":\"Fresh roast today\",\"media\":[{\"type\":\"IMAGE\","
                        + "\"url\":\"https://cdn.example.com/roast.jpg\",\"width\":1080,\"height\":1080}]}"))
                .field("id");
    }

    static String communityJson(String name, String visibility) {
        return "{\"name\":\"" + name + "\",\"description\":\"Rides at dawn\",\"interests\":[\"cycling\"],"
                + "\"city\":\"" + CITY + "\",\"location\":{\"lat\":30.27,\"lon\":120.15},\"visibility\":\""
                + visibility + "\",\"joinQuestion\":\"Do you ride?\"}";
    }

    static String activityJson(String communityId, String title) {
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return "{\"communityId\":\"" + communityId + "\",\"title\":\"" + title + "\",\"description\":\"Bring lights\","
                + "\"startsAt\":\"" + start + "\",\"endsAt\":\"" + start.plus(2, ChronoUnit.HOURS) + "\","
                + "\"venue\":{\"name\":\"West Lake north gate\",\"address\":\"1 Beishan Rd\",\"lat\":30.26,"
                + "\"lon\":120.14},\"capacity\":500}";
    }

    static String merchantJson() {
        return "{\"name\":\"Bean There\",\"category\":\"cafe\",\"city\":\"" + CITY + "\","
                + "\"location\":{\"lat\":30.27,\"lon\":120.15},\"licenseNumber\":\"" + newLicence() + "\"}";
    }

    static String promotionJson(String postId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return "{\"postId\":\"" + postId + "\",\"budgetImpressions\":1000,\"targeting\":{\"interests\":[\"cycling\"],"
                + "\"cities\":[\"" + CITY + "\"]},\"startsAt\":\"" + now.minusSeconds(60) + "\",\"endsAt\":\""
                + now.plus(2, ChronoUnit.DAYS) + "\"}";
    }

    /** A fresh, valid unified social credit code (GB 32100-2015: 17 characters and a check character). */
    static String newLicence() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        StringBuilder code = new StringBuilder("91");
        while (code.length() < 17) {
            code.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(code.charAt(i)) * weights[i];
        }
        return code.append(alphabet.charAt((31 - sum % 31) % 31)).toString();
    }

    static Api.Reply expect(int status, Api.Reply reply) {
        if (reply.status() != status) {
            throw new FixtureFailure("fixture call answered " + reply + ", expected " + status, reply, null);
        }
        return reply;
    }

    /** A fixture call that did not answer as the world needs; {@link #answer()} is the last reply seen (or null). */
    static final class FixtureFailure extends AssertionError {

        private final transient Api.Reply answer;

        FixtureFailure(String message, Api.Reply answer, Throwable cause) {
            super(message, cause);
            this.answer = answer;
        }

        Api.Reply answer() {
            return answer;
        }
    }

    /** Repeats a call until it answers {@code status}: for what waits on another service's projection. */
    static Api.Reply awaitStatus(int status, Supplier<Api.Reply> call) {
        Api.Reply[] last = new Api.Reply[1];
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .failFast(() -> last[0] != null && last[0].status() >= 500)
                    .until(() -> {
                        last[0] = call.get();
                        return last[0].status() == status;
                    });
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new FixtureFailure("fixture call never answered " + status + "; last answer: " + last[0], last[0], e);
        }
        return last[0];
    }
}
