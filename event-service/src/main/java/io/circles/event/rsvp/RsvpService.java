package io.circles.event.rsvp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.circles.event.activity.Activity;
import io.circles.event.community.Access;
import io.circles.event.community.Memberships;
import io.circles.event.people.AuthorProfile;
import io.circles.events.activity.AttendeeCheckedIn;
import io.circles.events.activity.RsvpChanged;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.outbox.OutboxEvent;
import io.circles.platform.outbox.OutboxRelay;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** RSVPs, the waitlist and check-ins. Every seat change holds the activity's row lock (see {@link Seats}). */
@ApplicationScoped
public class RsvpService {

    /**
     * A first RSVP in one statement, so one round trip and no transaction around it (a statement is atomic). It
     * places the caller only when nothing else needs deciding: the activity is open for RSVPs and not cancelled, it is
     * a merchant's (open to anyone) or its community is active and the caller a member, and the caller has no RSVP to
     * it yet. The activity row is locked ({@code for
     * update}, which reads its newest version) before the party is counted, so concurrent RSVPs queue on it as in
     * {@link Seats}, but only for this statement instead of a transaction of seven round trips. The RSVP insert
     * decides between concurrent requests of one user (the loser inserts nothing and takes the full path), the
     * counters move only with an inserted RSVP, and the outbox row is the prepared event with what the statement
     * decided merged into it. A waitlisted party holds the newest ticket, so its place in line is the waitlist's new
     * length. It answers no row when it placed nobody; {@link #change} then decides, with the reasons and errors.
     */
    private static final String FIRST_RSVP = """
            with target as (
                select a.id, a.community_id, a.capacity, a.going_seats, a.next_ticket
                from activity a
                where a.id = $1 and a.status <> 'CANCELLED'
                  and a.rsvp_opens_at <= $3::timestamptz and $3::timestamptz < a.rsvp_closes_at
                  and (a.merchant_id is not null
                       or exists (select 1 from community c where c.id = a.community_id and c.status = 'ACTIVE')
                          and exists (select 1 from community_member m
                                      where m.community_id = a.community_id and m.user_id = $2::text))
                  and not exists (select 1 from rsvp r where r.activity_id = a.id and r.user_id = $2::text)
                for update of a
            ), placed as (
                insert into rsvp (activity_id, user_id, status, guests, waitlist_ticket, waitlisted_at, created_at,
                                  updated_at)
                select t.id, $2::text, case when fits then 'GOING' else 'WAITLISTED' end, $5::int,
                       case when fits then null else t.next_ticket end,
                       case when fits then null else $3::timestamptz end, $3::timestamptz, $3::timestamptz
                from target t, lateral (select t.going_seats + $4::int <= t.capacity as fits) f
                on conflict (activity_id, user_id) do nothing
                returning status
            ), counted as (
                update activity a
                set going_seats = a.going_seats + case when p.status = 'GOING' then $4::int else 0 end,
                    waitlist_count = a.waitlist_count + case when p.status = 'GOING' then 0 else 1 end,
                    next_ticket = a.next_ticket + case when p.status = 'GOING' then 0 else 1 end,
                    updated_at = $3::timestamptz
                from placed p
                where a.id = $1
                returning a.community_id, p.status, a.going_seats,
                          case when p.status = 'WAITLISTED' then a.waitlist_count end as position
            ), recorded as (
                insert into outbox_event (id, topic, record_key, type, source, subject, occurred_at, payload, traceparent)
                select $6::uuid, $7::text, $8::text, $9::text, $10::text, $11::text, $12::timestamptz,
                       ($13::text::jsonb || jsonb_build_object('communityId', c.community_id, 'status', c.status,
                           'waitlistPosition', c.position, 'goingCount', c.going_seats))::text, $14::text
                from counted c
            )
            select status, position from counted""";

    /**
     * What a list shows of each RSVP, with the attendee's profile from the people projection joined in: one query per
     * page, and a rename shows in every list at once.
     */
    private static final String LIST_COLUMNS = """
            select r.activity_id, r.user_id, r.status, r.guests, r.checked_in_at, r.waitlist_ticket,
                   p.display_name, p.avatar_url
            from rsvp r left join person_profile p on p.user_id = r.user_id
            """;

    /** The waitlist in line order, after a ticket. */
    private static final String WAITLIST_PAGE = LIST_COLUMNS + """
            where r.activity_id = $1 and r.status = $2 and r.waitlist_ticket > $3
            order by r.waitlist_ticket limit $4""";

    /** Attendees of one status by user id, after a user id. */
    private static final String BY_USER_PAGE = LIST_COLUMNS + """
            where r.activity_id = $1 and r.status = $2 and r.user_id > $3
            order by r.user_id limit $4""";

    private final Seats seats;
    private final Memberships memberships;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Pool sql;

    RsvpService(Seats seats, Memberships memberships, Outbox outbox, OutboxRelay relay, Pool sql) {
        this.seats = seats;
        this.memberships = memberships;
        this.outbox = outbox;
        this.relay = relay;
        this.sql = sql;
    }

    /** GOING if the party fits, else WAITLISTED at the end of the line; the same request again changes nothing. */
    public Uni<RsvpView> rsvp(String activityId, String userId, boolean admin, int guests) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // Placeholders where the statement decides: it merges community, status, position and count in.
        OutboxEvent event = outbox.prepare(new RsvpChanged(activityId, null, userId, null, guests, null, 0, now));
        Tuple params = event.appendTo(Tuple.tuple().addString(activityId).addString(userId)
                .addValue(OutboxEvent.utc(now)).addInteger(SeatPlan.seats(guests)).addInteger(guests));
        return sql.preparedQuery(FIRST_RSVP).execute(params).flatMap(rows -> {
            RowIterator<Row> placed = rows.iterator();
            if (!placed.hasNext()) {
                return Panache.withTransaction(() -> change(activityId, userId, admin, guests, now))
                        .invoke(relay::wake);
            }
            Row row = placed.next();
            relay.wake();
            return Uni.createFrom().item(new RsvpView(activityId, userId, row.getString("status"), guests,
                    row.getInteger("position"), null));
        });
    }

    /** Any RSVP the first-RSVP statement did not place, in a transaction that holds the activity's lock. */
    private Uni<RsvpView> change(String activityId, String userId, boolean admin, int guests, Instant now) {
        return seats.lock(activityId).flatMap(activity -> memberships.of(activity, userId, admin)
                .flatMap(access -> {
                    access.requireMember("activity " + activityId);
                    requireOpen(activity, access, now);
                    return Rsvp.find(activityId, userId).flatMap(existing -> decide(activity, existing, userId,
                            guests, now));
                }));
    }

    private Uni<RsvpView> decide(Activity activity, Rsvp existing, String userId, int guests, Instant now) {
        String live = Rsvp.liveStatus(existing);
        SeatPlan.Outcome outcome = SeatPlan.rsvp(activity.capacity, activity.goingSeats, live,
                existing == null ? 0 : existing.guests, guests);
        switch (outcome) {
            case UNCHANGED:
                return seats.position(existing).map(position -> RsvpView.of(existing, position));
            case NO_ROOM_FOR_GUESTS:
                throw ProblemException.conflict("not enough seats left for " + guests
                        + " guests; your RSVP with " + existing.guests + " guests stands");
            default:
                break;
        }
        Rsvp rsvp = existing == null ? new Rsvp() : existing;
        if (existing == null) {
            rsvp.activityId = activity.id;
            rsvp.userId = userId;
            rsvp.createdAt = now;
        }
        // Take the attendee's previous seats or place out of the counters before counting the new party in.
        if (Rsvp.GOING.equals(live)) {
            activity.goingSeats -= SeatPlan.seats(rsvp.guests);
        } else if (Rsvp.WAITLISTED.equals(live)) {
            activity.waitlistCount--;
        }
        int previousGuests = rsvp.guests;
        rsvp.guests = guests;
        rsvp.updatedAt = now;
        activity.updatedAt = now;
        if (outcome == SeatPlan.Outcome.GOING) {
            rsvp.status = Rsvp.GOING;
            rsvp.waitlistTicket = null;
            activity.goingSeats += SeatPlan.seats(guests);
        } else {
            if (!Rsvp.WAITLISTED.equals(live)) {
                // A new place in line; a waitlisted attendee who only changed guests keeps theirs.
                rsvp.waitlistTicket = activity.nextTicket++;
                rsvp.waitlistedAt = now;
            }
            rsvp.status = Rsvp.WAITLISTED;
            activity.waitlistCount++;
        }
        boolean freedSeats = Rsvp.GOING.equals(live) && guests < previousGuests;
        Uni<Void> persisted = existing == null ? rsvp.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        return persisted
                .flatMap(ignored -> seats.position(rsvp))
                .call(position -> outbox.append(new RsvpChanged(activity.id, activity.communityId, userId,
                        rsvp.status, guests, position, activity.goingSeats, now)))
                .call(position -> freedSeats ? seats.promote(activity, now) : Uni.createFrom().voidItem())
                .map(position -> RsvpView.of(rsvp, position));
    }

    /** Cancels the caller's RSVP and promotes the waitlist in the same transaction; without one it changes nothing. */
    @WithTransaction
    public Uni<Void> cancel(String activityId, String userId, boolean admin) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return seats.lock(activityId).flatMap(activity -> memberships.of(activity, userId, admin)
                .flatMap(access -> {
                    access.requireVisible("activity " + activityId);
                    return Rsvp.find(activityId, userId).flatMap(rsvp -> {
                        if (Rsvp.liveStatus(rsvp) == null) {
                            return Uni.createFrom().voidItem();
                        }
                        if (activity.isCancelled()) {
                            throw ProblemException.conflict("activity " + activityId + " was cancelled");
                        }
                        if (!now.isBefore(activity.startsAt)) {
                            throw ProblemException.conflict("activity " + activityId + " has already started");
                        }
                        return seats.release(activity, rsvp, now);
                    });
                }));
    }

    /** The organizer or a moderator takes someone's RSVP away (a no-show, a troublemaker); the waitlist moves up. */
    @WithTransaction
    public Uni<Void> remove(String activityId, String callerId, boolean admin, String userId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return seats.lock(activityId).flatMap(activity -> memberships.of(activity, callerId, admin)
                .flatMap(access -> {
                    access.requireManager(activity.organizerId, "activity " + activityId);
                    return Rsvp.find(activityId, userId).flatMap(rsvp -> {
                        if (Rsvp.liveStatus(rsvp) == null) {
                            return Uni.createFrom().voidItem();
                        }
                        if (activity.isCancelled()) {
                            throw ProblemException.conflict("activity " + activityId + " was cancelled");
                        }
                        return seats.release(activity, rsvp, now);
                    });
                }));
    }

    /** Attendees (GOING, CANCELLED: by user id) or the waitlist (in line order), for the organizer and moderators. */
    @WithSession
    public Uni<RsvpPage> list(String activityId, String callerId, boolean admin, String status, int limit,
            String cursor) {
        return Activity.<Activity>findById(activityId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no activity " + activityId))
                .flatMap(activity -> memberships.of(activity, callerId, admin).flatMap(access -> {
                    access.requireManager(activity.organizerId, "activity " + activityId);
                    return Rsvp.WAITLISTED.equals(status)
                            ? waitlist(activityId, limit, cursor)
                            : byUser(activityId, status, limit, cursor);
                }));
    }

    private Uni<RsvpPage> waitlist(String activityId, int limit, String cursor) {
        long after = cursor == null ? 0 : parseTicket(cursor);
        return rows(WAITLIST_PAGE, Tuple.of(activityId, Rsvp.WAITLISTED, after, limit))
                .flatMap(rows -> Rsvp.count("activityId = ?1 and status = ?2 and waitlistTicket <= ?3", activityId,
                        Rsvp.WAITLISTED, after).map(before -> {
                            List<RsvpView> items = new ArrayList<>();
                            for (int i = 0; i < rows.size(); i++) {
                                items.add(listed(rows.get(i), (int) (before + i + 1)));
                            }
                            String next = rows.size() < limit ? null
                                    : encode(Long.toString(rows.get(rows.size() - 1).getLong("waitlist_ticket")));
                            return new RsvpPage(items, next);
                        }));
    }

    private Uni<RsvpPage> byUser(String activityId, String status, int limit, String cursor) {
        String after = cursor == null ? "" : decode(cursor);
        return rows(BY_USER_PAGE, Tuple.of(activityId, status, after, limit))
                .map(rows -> new RsvpPage(rows.stream().map(row -> listed(row, null)).toList(),
                        rows.size() < limit ? null : encode(rows.get(rows.size() - 1).getString("user_id"))));
    }

    private Uni<List<Row>> rows(String query, Tuple args) {
        return sql.preparedQuery(query).execute(args).map(rows -> {
            List<Row> list = new ArrayList<>();
            rows.forEach(list::add);
            return list;
        });
    }

    /** A row of {@link #LIST_COLUMNS}: the RSVP with its attendee's profile, their id as the name if none is known. */
    private static RsvpView listed(Row row, Integer position) {
        String userId = row.getString("user_id");
        OffsetDateTime checkedInAt = row.getOffsetDateTime("checked_in_at");
        return new RsvpView(row.getString("activity_id"), userId, row.getString("status"), row.getInteger("guests"),
                position, checkedInAt == null ? null : checkedInAt.toInstant(),
                AuthorProfile.of(userId, row.getString("display_name"), row.getString("avatar_url")));
    }

    /** Checks a GOING attendee in, once; a conditional update makes concurrent check-ins of one person safe. */
    @WithTransaction
    public Uni<CheckInView> checkIn(String activityId, String callerId, boolean admin, String userId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Activity.<Activity>findById(activityId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no activity " + activityId))
                .flatMap(activity -> memberships.of(activity, callerId, admin).flatMap(access -> {
                    access.requireManager(activity.organizerId, "activity " + activityId);
                    if (activity.isCancelled()) {
                        throw ProblemException.conflict("activity " + activityId + " was cancelled");
                    }
                    return Rsvp.update("checkedInAt = ?1, checkedInBy = ?2 where activityId = ?3 and userId = ?4"
                            + " and status = ?5 and checkedInAt is null", now, callerId, activityId, userId,
                            Rsvp.GOING)
                            .flatMap(updated -> {
                                if (updated == 0) {
                                    return Rsvp.find(activityId, userId).map(rsvp -> {
                                        if (rsvp != null && rsvp.checkedInAt != null) {
                                            throw ProblemException.conflict(userId + " is already checked in");
                                        }
                                        throw ProblemException.conflict(userId + " is not GOING to this activity");
                                    });
                                }
                                return outbox.append(new AttendeeCheckedIn(activityId, activity.communityId, userId,
                                        callerId, now))
                                        .replaceWith(new CheckInView(activityId, userId, callerId, now));
                            });
                }));
    }

    private static void requireOpen(Activity activity, Access access, Instant now) {
        if (activity.isCancelled()) {
            throw ProblemException.conflict("activity " + activity.id + " was cancelled; RSVPs are closed");
        }
        if (!access.hostActive()) {
            throw ProblemException.conflict("community " + activity.communityId + " is archived");
        }
        if (!activity.rsvpOpenAt(now)) {
            throw ProblemException.conflict("RSVPs are open from " + activity.rsvpOpensAt + " until "
                    + activity.rsvpClosesAt);
        }
    }

    static String encode(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cursor", "not a cursor from this list");
        }
    }

    private static long parseTicket(String cursor) {
        try {
            return Long.parseLong(decode(cursor));
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("cursor", "not a cursor from this list");
        }
    }
}
