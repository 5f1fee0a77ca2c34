package io.circles.test.consistency;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.local.LocalPostgres;
import io.circles.test.Tokens;

/**
 * Checks every derived view of the platform against its source of truth, once everything has settled. The sources
 * are the services' own tables (communities, memberships, posts, activities, RSVPs, follows, merchant posts,
 * impressions); the feeds are read as their users read them, through {@code GET /api/feeds/me}, so the check does not
 * depend on how feed-service lays out Redis. Rules:
 * <ul>
 * <li>{@code outbox-unpublished}: every outbox table is empty (each committed event reached Kafka);</li>
 * <li>{@code member-count}, {@code going-count}, {@code waitlist-count}, {@code follower-count},
 * {@code impressions-served}: each stored count equals the rows it counts;</li>
 * <li>{@code membership-projection}: event-service's copy of the memberships equals community-service's;</li>
 * <li>{@code timeline-missing}: each member of a community below the fan-out threshold has each of its items
 * (posts, activities) in their home timeline, within retention (the newest {@code timeline-size} items, cards younger
 * than the card TTL, and of the items published before they joined only the {@code backfill-size} newest); the same for
 * followers and merchant posts;</li>
 * <li>{@code item-after-leave} / {@code item-after-unfollow}: nobody is served an item of a community they are not a
 * member of, or of a merchant they do not follow;</li>
 * <li>{@code removed-item-served}: removed posts and cancelled activities (and reminders of them) are served to
 * nobody;</li>
 * <li>{@code blocked-author-served}: nobody is served a post or activity of someone they block (and such items are
 * not expected in their timeline either);</li>
 * <li>{@code suspended-merchant-served}: a suspended merchant's posts are served to nobody, neither in a timeline, nor
 * in a sponsored slot, nor in explore (its posts and activities, read as {@code explore-private-served} reads it);</li>
 * <li>{@code timeline-duplicate}: no timeline serves an item twice;</li>
 * <li>{@code explore-private-served}: the explore feed (read to its end by a few readers) serves no item of a
 * community that is private or no longer active, and no removed post;</li>
 * <li>with {@link #checkNotifications()}: {@code notification-missing}: each post's author has a POST_COMMENTED
 * notification for each comment by someone else and POST_LIKED ones counting at least its likes by others (posts
 * younger than the 90-day retention, authors below the 1,000-notification cap; in a private community only what came
 * while the author has been a member: leaving takes its notifications away); {@code notification-duplicate}: no event made two notifications for one recipient, no recipient
 * has two unread groups of one post, and nobody has more comment notifications for a post than it has comments by
 * others.</li>
 * </ul>
 * Usable from tests ({@link #awaitConsistent(Duration)}) and from {@code ./circles check} ({@link ConsistencyCheck}).
 */
public final class ConsistencyChecker {

    private static final int PAGE = 100;
    private static final int DETAIL_IDS = 5;
    /** Explore is one public list (less each reader's blocks): a few readers' reading of it is enough. */
    private static final int EXPLORE_READERS = 5;
    /** Explore ranks at most {@code feed.explore.ranked} (1,000) candidates: ten pages of 100, and a margin. */
    private static final int EXPLORE_MAX_PAGES = 12;

    private final String feedUrl;
    private final Function<String, String> jdbcUrl;
    private final String username;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> extraReaders = ConcurrentHashMap.newKeySet();
    private int largeCommunityThreshold = 10_000;
    private int timelineSize = 800;
    private int backfillSize = 200;
    private Duration cardTtl = Duration.ofDays(30);
    private boolean notifications;

    /**
     * A checker reading feeds from {@code feedUrl} (feed-service or the gateway) and the databases
     * {@code community}, {@code event} and {@code merchant} at {@code jdbcUrl.apply(database)}.
     */
    public ConsistencyChecker(String feedUrl, Function<String, String> jdbcUrl, String username, String password) {
        this.feedUrl = feedUrl.endsWith("/") ? feedUrl.substring(0, feedUrl.length() - 1) : feedUrl;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /** A checker over the databases of a local PostgreSQL (tests, {@code ./circles up}). */
    public static ConsistencyChecker of(String feedUrl, LocalPostgres postgres) {
        return new ConsistencyChecker(feedUrl, postgres::jdbcUrl, postgres.username(), postgres.password());
    }

    /** feed-service's {@code feed.large-community-threshold}: members of larger communities are read-merged. */
    public ConsistencyChecker largeCommunityThreshold(int threshold) {
        this.largeCommunityThreshold = threshold;
        return this;
    }

    /** feed-service's {@code feed.timeline-size}. */
    public ConsistencyChecker timelineSize(int size) {
        this.timelineSize = size;
        return this;
    }

    /** feed-service's {@code feed.backfill-size}. */
    public ConsistencyChecker backfillSize(int size) {
        this.backfillSize = size;
        return this;
    }

    /** feed-service's {@code feed.card-ttl}. */
    public ConsistencyChecker cardTtl(Duration ttl) {
        this.cardTtl = ttl;
        return this;
    }

    /** Also checks notification-service's database (its {@code notification} database) against the comments and likes. */
    public ConsistencyChecker checkNotifications() {
        this.notifications = true;
        return this;
    }

    /**
     * Users whose feeds are read even when they belong to nothing any more (users who left every community they
     * joined), so that what they must no longer see is checked too.
     */
    public ConsistencyChecker alsoReadFeedsOf(Collection<String> users) {
        extraReaders.addAll(users);
        return this;
    }

    /** Checks until consistent or until {@code timeout}; returns the last report. */
    public ConsistencyReport awaitConsistent(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ConsistencyReport report = check();
            if (report.consistent() || System.nanoTime() > deadline) {
                return report;
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return report;
            }
        }
    }

    /** One pass over every rule. Meaningful once the platform is quiet (no writes in flight). */
    public ConsistencyReport check() {
        List<Violation> violations = new ArrayList<>();
        Map<String, Integer> checked = new LinkedHashMap<>();
        try (Connection community = connect("community");
             Connection event = connect("event");
             Connection merchant = connect("merchant")) {
            for (Map.Entry<String, Connection> db : Map.of("community", community, "event", event,
                    "merchant", merchant).entrySet()) {
                outbox(db.getKey(), db.getValue(), violations);
            }
            Sources sources = Sources.read(community, event, merchant);
            counts(community, event, merchant, violations, checked);
            membershipProjection(sources, event, violations, checked);
            feeds(sources, violations, checked);
            if (notifications) {
                try (Connection notification = connect("notification")) {
                    notifications(community, notification, violations, checked);
                }
            }
        } catch (SQLException e) {
            violations.add(new Violation("source-unreachable", "postgres", e.getMessage()));
        }
        return new ConsistencyReport(violations, checked);
    }

    private Connection connect(String database) throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl.apply(database), username, password);
        connection.setReadOnly(true);
        return connection;
    }

    private static void outbox(String database, Connection connection, List<Violation> violations)
            throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select count(*), min(occurred_at), max(attempts) from outbox_event")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                violations.add(new Violation("outbox-unpublished", database, rs.getLong(1)
                        + " event(s) not published, oldest from " + rs.getTimestamp(2).toInstant()
                        + ", up to " + rs.getInt(3) + " attempt(s)"));
            }
        }
    }

    private static void counts(Connection community, Connection event, Connection merchant,
            List<Violation> violations, Map<String, Integer> checked) throws SQLException {
        checked.put("communities", compare(community, "member-count", """
                select c.id, c.member_count,
                       (select count(*) from membership m where m.community_id = c.id and m.status = 'MEMBER')
                from community c""", violations));
        checked.put("activities", compare(event, "going-count", """
                select a.id, a.going_seats,
                       (select coalesce(sum(1 + r.guests), 0) from rsvp r
                        where r.activity_id = a.id and r.status = 'GOING')
                from activity a""", violations));
        compare(event, "waitlist-count", """
                select a.id, a.waitlist_count,
                       (select count(*) from rsvp r where r.activity_id = a.id and r.status = 'WAITLISTED')
                from activity a""", violations);
        checked.put("merchants", compare(merchant, "follower-count", """
                select m.id, m.follower_count, (select count(*) from follower f where f.merchant_id = m.id)
                from merchant m""", violations));
        checked.put("promotions", compare(merchant, "impressions-served", """
                select p.id, p.served,
                       (select count(*) from impression i where i.promotion_id = p.id and i.counted)
                from promotion p""", violations));
    }

    /** Rows of (id, stored count, counted rows); one violation per mismatch. Returns the number of rows compared. */
    private static int compare(Connection connection, String rule, String sql, List<Violation> violations)
            throws SQLException {
        int rows = 0;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows++;
                long stored = rs.getLong(2);
                long counted = rs.getLong(3);
                if (stored != counted) {
                    violations.add(new Violation(rule, rs.getString(1),
                            "stored " + stored + " but " + counted + " row(s) counted"));
                }
            }
        }
        return rows;
    }

    private static void membershipProjection(Sources sources, Connection event, List<Violation> violations,
            Map<String, Integer> checked) throws SQLException {
        Map<String, Set<String>> projected = new HashMap<>();
        Set<String> known = new HashSet<>();
        try (Statement st = event.createStatement();
             ResultSet rs = st.executeQuery("select id from community")) {
            while (rs.next()) {
                known.add(rs.getString(1));
            }
        }
        try (Statement st = event.createStatement();
             ResultSet rs = st.executeQuery("select community_id, user_id from community_member")) {
            while (rs.next()) {
                projected.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
            }
        }
        Map<String, Set<String>> truth = new HashMap<>();
        sources.memberships.forEach(m -> truth.computeIfAbsent(m.of, k -> new TreeSet<>()).add(m.userId));
        int compared = 0;
        for (String communityId : sources.communities.keySet()) {
            compared++;
            if (!known.contains(communityId)) {
                violations.add(new Violation("membership-projection", communityId,
                        "event-service never learnt of this community"));
                continue;
            }
            Set<String> expected = truth.getOrDefault(communityId, Set.of());
            Set<String> actual = projected.getOrDefault(communityId, Set.of());
            if (!expected.equals(actual)) {
                violations.add(new Violation("membership-projection", communityId,
                        "event-service lacks " + first(minus(expected, actual)) + " and has extra "
                                + first(minus(actual, expected))));
            }
        }
        checked.put("membership-projections", compared);
    }

    /**
     * Comments and likes by others on each post (community-service's tables) against its author's notifications. Only
     * comments are counted exactly: a like taken back and given again is a second notification of one current like.
     */
    private static void notifications(Connection community, Connection notification, List<Violation> violations,
            Map<String, Integer> checked) throws SQLException {
        Map<String, long[]> expected = new HashMap<>();
        Sources.query(community, """
                select p.author_id, p.id,
                       (select count(*) from post_comment pc where pc.post_id = p.id and pc.author_id <> p.author_id
                        and (c.visibility = 'PUBLIC' or pc.created_at >= m.created_at)),
                       (select count(*) from post_reaction r where r.post_id = p.id and r.user_id <> p.author_id
                        and (c.visibility = 'PUBLIC' or r.created_at >= m.created_at))
                from post p join community c on c.id = p.community_id
                left join membership m on m.community_id = c.id and m.user_id = p.author_id and m.status = 'MEMBER'
                where p.status = 'VISIBLE' and p.created_at > now() - interval '90 days'
                  and (c.visibility = 'PUBLIC' or m.user_id is not null)""",
                rs -> expected.put(rs.getString(1) + " " + rs.getString(2), new long[] {rs.getLong(3), rs.getLong(4)}));
        Map<String, long[]> actual = new HashMap<>();
        Sources.query(notification, """
                select recipient_id, subject_id, type, sum(count) from notification
                where subject_kind = 'POST' and type in ('POST_COMMENTED', 'POST_LIKED')
                group by recipient_id, subject_id, type""", rs -> actual.computeIfAbsent(
                        rs.getString(1) + " " + rs.getString(2), k -> new long[2])
                [rs.getString(3).equals("POST_COMMENTED") ? 0 : 1] = rs.getLong(4));
        Set<String> full = new HashSet<>();
        Sources.query(notification, "select recipient_id from notification group by recipient_id"
                + " having count(*) >= 1000", rs -> full.add(rs.getString(1)));
        for (Map.Entry<String, long[]> post : expected.entrySet()) {
            String[] authorAndPost = post.getKey().split(" ", 2);
            long[] want = post.getValue();
            long[] have = actual.getOrDefault(post.getKey(), new long[2]);
            if (full.contains(authorAndPost[0])) {
                continue;
            }
            if (have[0] < want[0] || have[1] < want[1]) {
                violations.add(new Violation("notification-missing", authorAndPost[0], "post " + authorAndPost[1]
                        + ": " + want[0] + " comment(s) and " + want[1] + " like(s) by others, notified "
                        + have[0] + " and " + have[1]));
            }
            if (have[0] > want[0]) {
                violations.add(new Violation("notification-duplicate", authorAndPost[0], "post " + authorAndPost[1]
                        + ": " + have[0] + " comment notification(s) for " + want[0] + " comment(s) by others"));
            }
        }
        Sources.query(notification, """
                select recipient_id, 'event ' || event_id, count(*) from notification
                group by recipient_id, event_id having count(*) > 1
                union all
                select recipient_id, 'unread group ' || group_key, count(*) from notification
                where not read and group_key is not null
                group by recipient_id, group_key having count(*) > 1""",
                rs -> violations.add(new Violation("notification-duplicate", rs.getString(1),
                        rs.getString(2) + ": " + rs.getLong(3) + " notifications")));
        checked.put("notified-posts", expected.size());
    }

    private void feeds(Sources sources, List<Violation> violations, Map<String, Integer> checked) {
        Instant oldestLiving = Instant.now().minus(cardTtl);
        Map<String, Map<String, Instant>> memberOf = new HashMap<>();
        sources.memberships.forEach(m ->
                memberOf.computeIfAbsent(m.userId, k -> new HashMap<>()).put(m.of, m.since));
        Map<String, Map<String, Instant>> follows = new HashMap<>();
        sources.follows.forEach(f ->
                follows.computeIfAbsent(f.userId, k -> new HashMap<>()).put(f.of, f.since));
        Map<String, List<Item>> bySource = new HashMap<>();
        sources.items.values().forEach(item -> bySource.computeIfAbsent(item.source, k -> new ArrayList<>()).add(item));
        Map<String, Integer> rank = new HashMap<>();
        for (List<Item> items : bySource.values()) {
            items.sort(Comparator.comparing((Item i) -> i.publishedAt).reversed());
            for (int i = 0; i < items.size(); i++) {
                rank.put(items.get(i).id, i);
            }
        }
        Set<String> readers = new TreeSet<>(extraReaders);
        readers.addAll(memberOf.keySet());
        readers.addAll(follows.keySet());
        int items = 0;
        for (String user : readers) {
            Map<String, Instant> communities = memberOf.getOrDefault(user, Map.of());
            Map<String, Instant> merchants = follows.getOrDefault(user, Map.of());
            Set<String> blocked = sources.blocks.getOrDefault(user, Set.of());
            List<Item> expected = new ArrayList<>();
            addExpected(expected, communities, bySource, rank, oldestLiving, sources, true);
            addExpected(expected, merchants, bySource, rank, oldestLiving, sources, false);
            expected.removeIf(item -> item.author != null && blocked.contains(item.author));
            expected.sort(Comparator.comparing((Item i) -> i.publishedAt).reversed());
            List<JsonNode> served = new ArrayList<>();
            Set<String> suspendedServed = new TreeSet<>();
            try {
                for (JsonNode item : readPages(user, "/api/feeds/me", timelineSize / PAGE + 10)) {
                    String merchantId = item.path("merchant").path("id").asText(null);
                    if ("MERCHANT_POST".equals(item.path("kind").asText())
                            && sources.suspendedMerchants.contains(merchantId)) {
                        suspendedServed.add(item.path("id").asText() + " of " + merchantId
                                + (item.path("sponsored").asBoolean(false) ? " (sponsored)" : ""));
                    }
                    if (!item.path("sponsored").asBoolean(false)) {
                        served.add(item);
                    }
                }
            } catch (IOException | RuntimeException e) {
                violations.add(new Violation("feed-unreachable", user, String.valueOf(e.getMessage())));
                continue;
            }
            items += served.size();
            Set<String> seen = new HashSet<>();
            Set<String> duplicates = new TreeSet<>();
            Set<String> leaked = new TreeSet<>();
            Set<String> unfollowed = new TreeSet<>();
            Set<String> removed = new TreeSet<>();
            Set<String> fromBlocked = new TreeSet<>();
            for (JsonNode item : served) {
                String id = item.path("id").asText();
                if (!seen.add(id)) {
                    duplicates.add(id);
                }
                String kind = item.path("kind").asText();
                String communityId = item.path("community").path("id").asText(null);
                String merchantId = item.path("merchant").path("id").asText(null);
                if (("COMMUNITY_POST".equals(kind) || "ACTIVITY".equals(kind))
                        && !communities.containsKey(communityId)) {
                    leaked.add(id + " of " + communityId);
                }
                if ("MERCHANT_POST".equals(kind) && !merchants.containsKey(merchantId)) {
                    unfollowed.add(id + " of " + merchantId);
                }
                if (sources.removed.contains(id)) {
                    removed.add(id);
                }
                String remindedOf = item.path("activity").path("id").asText(null);
                if ("REMINDER".equals(kind) && remindedOf != null && sources.removed.contains(remindedOf)) {
                    removed.add(id + " (reminder of " + remindedOf + ")");
                }
                Item source = sources.items.get(id);
                if (("COMMUNITY_POST".equals(kind) || "ACTIVITY".equals(kind)) && source != null
                        && source.author != null && blocked.contains(source.author)) {
                    fromBlocked.add(id + " by " + source.author);
                }
            }
            List<String> missing = expected.stream().limit(timelineSize).map(i -> i.id)
                    .filter(id -> !seen.contains(id)).toList();
            report(violations, "timeline-duplicate", user, duplicates);
            report(violations, "item-after-leave", user, leaked);
            report(violations, "item-after-unfollow", user, unfollowed);
            report(violations, "removed-item-served", user, removed);
            report(violations, "blocked-author-served", user, fromBlocked);
            report(violations, "suspended-merchant-served", user, suspendedServed);
            report(violations, "timeline-missing", user, missing);
        }
        checked.put("feeds", readers.size());
        checked.put("feed-items", items);
        explore(sources, readers, violations, checked);
    }

    /**
     * Reads the explore feed to its end as a few readers (it is the same public list for everyone but for their
     * blocks) and reports any item of a community that is private or not active in its source table, or a removed post
     * ({@code explore-private-served}), and any item of a merchant suspended in its table
     * ({@code suspended-merchant-served}).
     */
    private void explore(Sources sources, Set<String> readers, List<Violation> violations,
            Map<String, Integer> checked) {
        int items = 0;
        List<String> sample = new ArrayList<>(readers).subList(0, Math.min(EXPLORE_READERS, readers.size()));
        for (String user : sample) {
            Set<String> served = new TreeSet<>();
            Set<String> suspendedServed = new TreeSet<>();
            try {
                for (JsonNode item : readPages(user, "/api/feeds/explore", EXPLORE_MAX_PAGES)) {
                    items++;
                    String id = item.path("id").asText();
                    String communityId = item.path("community").path("id").asText(null);
                    Community community = communityId == null ? null : sources.communities.get(communityId);
                    String merchantId = item.path("merchant").path("id").asText(null);
                    if (sources.removed.contains(id)) {
                        served.add(id + " (removed)");
                    } else if (community != null && (!community.active || !community.isPublic)) {
                        served.add(id + " of " + communityId + (community.active ? " (private)" : " (archived)"));
                    }
                    if (merchantId != null && sources.suspendedMerchants.contains(merchantId)) {
                        suspendedServed.add(id + " of " + merchantId + " (explore)");
                    }
                }
            } catch (IOException | RuntimeException e) {
                violations.add(new Violation("feed-unreachable", user, "explore: " + e.getMessage()));
                continue;
            }
            report(violations, "explore-private-served", user, served);
            report(violations, "suspended-merchant-served", user, suspendedServed);
        }
        checked.put("explore-feeds", sample.size());
        checked.put("explore-items", items);
    }

    private void addExpected(List<Item> expected, Map<String, Instant> sourcesOfUser, Map<String, List<Item>> bySource,
            Map<String, Integer> rank, Instant oldestLiving, Sources sources, boolean communities) {
        for (Map.Entry<String, Instant> source : sourcesOfUser.entrySet()) {
            if (communities) {
                Community community = sources.communities.get(source.getKey());
                if (community == null || !community.active || community.members >= largeCommunityThreshold) {
                    continue;
                }
            } else if (sources.suspendedMerchants.contains(source.getKey())) {
                continue;
            }
            for (Item item : bySource.getOrDefault(source.getKey(), List.of())) {
                boolean fannedOut = !item.publishedAt.isBefore(source.getValue());
                boolean backfilled = rank.get(item.id) < backfillSize;
                if ((fannedOut || backfilled) && item.publishedAt.isAfter(oldestLiving)) {
                    expected.add(item);
                }
            }
        }
    }

    private static void report(List<Violation> violations, String rule, String user, Collection<String> ids) {
        if (!ids.isEmpty()) {
            violations.add(new Violation(rule, user, ids.size() + " item(s): " + first(ids)));
        }
    }

    /** Every item of one of the user's feeds (sponsored ones too), page by page, as the user reads it. */
    private List<JsonNode> readPages(String user, String path, int maxPages) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        String token = Tokens.forUser(user);
        String cursor = null;
        for (int page = 0; page < maxPages; page++) {
            String uri = feedUrl + path + "?limit=" + PAGE
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).GET().build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (response.statusCode() != 200) {
                throw new IOException("GET " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            JsonNode body = json.readTree(response.body());
            body.path("items").forEach(items::add);
            JsonNode next = body.path("nextCursor");
            if (next.isMissingNode() || next.isNull()) {
                return items;
            }
            cursor = next.asText();
        }
        return items;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static String first(Collection<String> ids) {
        List<String> list = new ArrayList<>(ids);
        return list.size() <= DETAIL_IDS ? list.toString() : list.subList(0, DETAIL_IDS) + " …";
    }

    /** A community as the feed rules need it. */
    private record Community(String id, int members, boolean active, boolean isPublic) {
    }

    /** A membership or a follow: who, of what, since when. */
    private record Link(String of, String userId, Instant since) {
    }

    /** An item a timeline should hold: a community post or activity (with its author), or a merchant post. */
    private record Item(String id, String source, Instant publishedAt, String author) {
    }

    /** Everything the feed rules compare against, read from the services' databases. */
    private record Sources(Map<String, Community> communities, List<Link> memberships, List<Link> follows,
            Map<String, Item> items, Set<String> removed, Map<String, Set<String>> blocks,
            Set<String> suspendedMerchants) {

        static Sources read(Connection community, Connection event, Connection merchant) throws SQLException {
            Map<String, Community> communities = new HashMap<>();
            query(community, "select id, member_count, status, visibility from community", rs -> communities.put(
                    rs.getString(1), new Community(rs.getString(1), rs.getInt(2), "ACTIVE".equals(rs.getString(3)),
                            "PUBLIC".equals(rs.getString(4)))));
            List<Link> memberships = new ArrayList<>();
            query(community, "select community_id, user_id, created_at from membership where status = 'MEMBER'",
                    rs -> memberships.add(new Link(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant())));
            List<Link> follows = new ArrayList<>();
            query(merchant, "select merchant_id, user_id, created_at from follower",
                    rs -> follows.add(new Link(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant())));
            Map<String, Item> items = new HashMap<>();
            Set<String> removed = new HashSet<>();
            query(community, "select id, community_id, status, created_at, author_id from post", rs -> {
                if ("VISIBLE".equals(rs.getString(3))) {
                    items.put(rs.getString(1), new Item(rs.getString(1), rs.getString(2),
                            rs.getTimestamp(4).toInstant(), rs.getString(5)));
                } else {
                    removed.add(rs.getString(1));
                }
            });
            query(event, "select id, community_id, created_at, organizer_id, status from activity", rs -> {
                if ("SCHEDULED".equals(rs.getString(5))) {
                    items.put(rs.getString(1), new Item(rs.getString(1), rs.getString(2),
                            rs.getTimestamp(3).toInstant(), rs.getString(4)));
                } else {
                    removed.add(rs.getString(1)); // a cancelled activity is served to nobody
                }
            });
            query(merchant, "select id, merchant_id, status, created_at from merchant_post", rs -> {
                if ("PUBLISHED".equals(rs.getString(3))) {
                    items.put(rs.getString(1), new Item(rs.getString(1), rs.getString(2),
                            rs.getTimestamp(4).toInstant(), null));
                } else {
                    removed.add(rs.getString(1));
                }
            });
            Map<String, Set<String>> blocks = new HashMap<>();
            query(community, "select blocker_id, blocked_id from person_block",
                    rs -> blocks.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2)));
            Set<String> suspendedMerchants = new HashSet<>();
            query(merchant, "select id from merchant where status = 'SUSPENDED'",
                    rs -> suspendedMerchants.add(rs.getString(1)));
            return new Sources(communities, memberships, follows, items, removed, blocks, suspendedMerchants);
        }

        private interface Row {
            void accept(ResultSet rs) throws SQLException;
        }

        private static void query(Connection connection, String sql, Row row) throws SQLException {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }
}
