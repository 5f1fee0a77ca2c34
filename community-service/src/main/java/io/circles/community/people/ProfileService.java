package io.circles.community.people;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import io.circles.community.interest.Interests;
import io.circles.community.media.UploadedMedia;
import io.circles.events.people.ProfileUpdated;
import io.circles.platform.db.NativeSelect;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.outbox.OutboxEvent;
import io.circles.platform.outbox.OutboxRelay;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Profiles: the caller's own, someone else's with the communities the caller may see, and the card of an author. */
@ApplicationScoped
public class ProfileService {

    private static final String COLUMNS = "display_name, bio, city, interests, avatar_media_id, avatar_url";

    /**
     * Saves the whole profile and, in the same statement, records profile-updated when what cards show of the person
     * (name, avatar, city, interests) differs from what was stored, or nothing was: a save that changes only the bio,
     * or nothing, tells no one.
     */
    private static final String SAVE = """
            with old as (
                select display_name, avatar_url, city, interests from profile where user_id = $1
            ), saved as (
                insert into profile (user_id, display_name, bio, city, interests, avatar_media_id, avatar_url,
                                     updated_at)
                values ($1, $2, $3, $4, $5::text[], $6, $7, $8)
                on conflict (user_id) do update set display_name = excluded.display_name, bio = excluded.bio,
                    city = excluded.city, interests = excluded.interests,
                    avatar_media_id = excluded.avatar_media_id, avatar_url = excluded.avatar_url,
                    updated_at = excluded.updated_at
                returning user_id
            ), recorded as (
                insert into outbox_event (id, topic, record_key, type, source, subject, occurred_at, payload, traceparent)
                select $9::uuid, $10::text, $11::text, $12::text, $13::text, $14::text, $15::timestamptz, $16::text,
                       $17::text
                from saved
                where not exists (select 1 from old
                                  where old.display_name = $2 and old.avatar_url is not distinct from $7
                                    and old.city is not distinct from $4 and old.interests = $5::text[])
                returning id
            )
            select (select count(*) from recorded) as recorded""";

    /** The person's communities that the caller may see: public ones, and private ones the caller belongs to. */
    private static final String VISIBLE_COMMUNITIES = """
            select count(*) as n from membership m join community c on c.id = m.community_id
            where m.user_id = $1 and m.status = 'MEMBER' and c.status = 'ACTIVE'
              and (c.visibility = 'PUBLIC' or $3
                   or exists (select 1 from membership v
                              where v.community_id = c.id and v.user_id = $2 and v.status = 'MEMBER'))""";

    private final Pool sql;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final UploadedMedia uploads;

    ProfileService(Pool sql, Outbox outbox, OutboxRelay relay, UploadedMedia uploads) {
        this.sql = sql;
        this.outbox = outbox;
        this.relay = relay;
        this.uploads = uploads;
    }

    /** The caller's profile; before a first save, the defaults (the id as name). */
    public Uni<PeopleViews.ProfileView> mine(String userId) {
        return load(userId).map(row -> row == null
                ? new PeopleViews.ProfileView(userId, userId, null, null, null, null, List.of())
                : new PeopleViews.ProfileView(userId, row.getString("display_name"),
                        row.getString("avatar_media_id"), row.getString("avatar_url"), row.getString("bio"),
                        row.getString("city"), interests(row)));
    }

    /** Someone's profile, counting only the communities the caller may see. */
    public Uni<PeopleViews.PersonView> person(String userId, String callerId, boolean admin) {
        Uni<Integer> count = sql.preparedQuery(VISIBLE_COMMUNITIES).execute(Tuple.of(userId, callerId, admin))
                .map(rows -> rows.iterator().next().getLong("n").intValue());
        return Uni.combine().all().unis(load(userId), count).asTuple().map(both -> {
            Row row = both.getItem1();
            int communities = both.getItem2();
            return row == null
                    ? new PeopleViews.PersonView(userId, userId, null, null, null, null, List.of(), communities)
                    : new PeopleViews.PersonView(userId, row.getString("display_name"),
                            row.getString("avatar_media_id"), row.getString("avatar_url"), row.getString("bio"),
                            row.getString("city"), interests(row), communities);
        });
    }

    /** Replaces the caller's profile; 400 naming the field for a bad name, interest or avatar. */
    public Uni<PeopleViews.ProfileView> update(String userId, PeopleViews.UpdateProfile request) {
        String name = DisplayName.check(request.displayName());
        List<String> interests = request.interests() == null ? List.of()
                : request.interests().stream().distinct().toList();
        Interests.check(interests);
        String avatarMediaId = blankToNull(request.avatarMediaId());
        // An avatar is a READY image of the caller, from the projection of media-service's events.
        Uni<String> avatar = avatarMediaId == null ? Uni.createFrom().nullItem()
                : uploads.avatar(userId, avatarMediaId);
        return avatar.chain(avatarUrl -> save(userId, name, interests, avatarMediaId, avatarUrl, request));
    }

    private Uni<PeopleViews.ProfileView> save(String userId, String name, List<String> interests, String avatarMediaId,
            String avatarUrl, PeopleViews.UpdateProfile request) {
        String bio = blankToNull(request.bio());
        String city = blankToNull(request.city());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OutboxEvent event = outbox.prepare(new ProfileUpdated(userId, name, avatarUrl, city, interests, now));
        Tuple params = event.appendTo(Tuple.tuple().addString(userId).addString(name).addString(bio).addString(city)
                .addArrayOfString(interests.toArray(String[]::new)).addString(avatarMediaId).addString(avatarUrl)
                .addValue(OutboxEvent.utc(now)));
        return sql.preparedQuery(SAVE).execute(params).map(rows -> {
            if (rows.iterator().next().getLong("recorded") > 0) {
                relay.wake();
            }
            return new PeopleViews.ProfileView(userId, name, avatarMediaId, avatarUrl, bio, city, interests);
        });
    }

    /**
     * What cards show of a person: their name (the id before a first save) and avatar. Read in the caller's session,
     * on the connection its transaction already holds: a second connection per request would let a burst of writes
     * hold every pooled connection while each waits for another.
     */
    public Uni<AuthorProfile> card(String userId) {
        return Panache.getSession().flatMap(session -> NativeSelect.<Object[]>of(session,
                        "select display_name, avatar_url from profile where user_id = :user")
                .setParameter("user", userId).getResultList())
                .map(rows -> rows.isEmpty() ? AuthorProfile.of(userId, null, null)
                        : AuthorProfile.of(userId, (String) rows.get(0)[0], (String) rows.get(0)[1]));
    }

    private Uni<Row> load(String userId) {
        return sql.preparedQuery("select " + COLUMNS + " from profile where user_id = $1").execute(Tuple.of(userId))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    return it.hasNext() ? it.next() : null;
                });
    }

    private static List<String> interests(Row row) {
        String[] values = row.getArrayOfStrings("interests");
        return values == null ? List.of() : Arrays.asList(values);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
