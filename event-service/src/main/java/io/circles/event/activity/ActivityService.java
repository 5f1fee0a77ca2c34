package io.circles.event.activity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.circles.event.community.Access;
import io.circles.event.community.AccessPolicy;
import io.circles.event.community.Community;
import io.circles.event.community.Memberships;
import io.circles.event.merchant.Merchant;
import io.circles.event.merchant.MerchantProjection;
import io.circles.event.rsvp.Rsvp;
import io.circles.event.rsvp.RsvpView;
import io.circles.event.rsvp.SeatPlan;
import io.circles.event.rsvp.Seats;
import io.circles.events.activity.ActivityCancelled;
import io.circles.events.activity.ActivityScheduled;
import io.circles.events.activity.ActivityUpdated;
import io.circles.events.activity.RsvpChanged;
import io.circles.platform.consistency.ProjectionMiss;
import io.circles.platform.db.NativeSelect;
import io.circles.platform.idempotency.IdempotencyKeys;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.problem.Problem;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/** Scheduling, editing, cancelling, reading and discovering activities. */
@ApplicationScoped
public class ActivityService {

    /**
     * The activity, its community (null when the projection has not heard of it), the caller's role and RSVP (null
     * when none), its merchant (for a merchant's activity), the check-ins, and the caller's place in line (as
     * {@code Seats.position} counts it; used only for a waitlisted RSVP).
     */
    private static final String READ = """
            select a, c, m.role, r, mc,
                   (select count(*) from Rsvp x where x.activityId = a.id and x.checkedInAt is not null),
                   (select count(*) from Rsvp w where w.activityId = a.id and w.status = 'WAITLISTED'
                                                and w.waitlistTicket <= r.waitlistTicket)
            from Activity a
            left join Community c on c.id = a.communityId
            left join Merchant mc on mc.id = a.merchantId
            left join CommunityMember m on m.communityId = a.communityId and m.userId = :caller
            left join Rsvp r on r.activityId = a.id and r.userId = :caller
            where a.id = :id""";

    /**
     * The columns the Activity entity maps, for native selects. With {@code a.*} the row also holds the unmapped
     * {@code search} column, and since the table gained {@code merchant_id} Hibernate Reactive fails to read such a
     * row into the entity (a null SqlSelection): the mapped columns alone read correctly.
     */
    private static final String COLUMNS = """
            a.id, a.community_id, a.merchant_id, a.organizer_id, a.title, a.description, a.starts_at, a.ends_at,
            a.venue_name, a.venue_address, a.lat, a.lon, a.capacity, a.rsvp_opens_at, a.rsvp_closes_at, a.status,
            a.going_seats, a.waitlist_count, a.next_ticket, a.reminded_at, a.created_at, a.updated_at""";

    private final Outbox outbox;
    private final Memberships memberships;
    private final Seats seats;
    private final IdempotencyKeys idempotency;

    ActivityService(Outbox outbox, Memberships memberships, Seats seats, IdempotencyKeys idempotency) {
        this.outbox = outbox;
        this.memberships = memberships;
        this.seats = seats;
        this.idempotency = idempotency;
    }

    /**
     * Schedules an activity with its organizer GOING; records activity-scheduled and the organizer's RSVP. A retry
     * with the same idempotency key returns the first response and schedules nothing.
     */
    @WithTransaction
    public Uni<IdempotencyKeys.StoredResponse> create(String organizerId, boolean admin, String idempotencyKey,
            CreateActivityRequest request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant opensAt = request.rsvpOpensAt() == null ? now : request.rsvpOpensAt();
        Instant closesAt = request.rsvpClosesAt() == null ? request.startsAt() : request.rsvpClosesAt();
        failOn(ActivityRules.checkHost(request.communityId(), request.merchantId()));
        failOn(ActivityRules.check(now, request.startsAt(), request.endsAt(), opensAt, closesAt, true));
        return idempotency.once(organizerId, "activity", idempotencyKey, request,
                () -> schedule(organizerId, admin, request, opensAt, closesAt, now)
                        .map(view -> IdempotencyKeys.Created.at("/api/activities/" + view.id(), view)));
    }

    private Uni<ActivityView> schedule(String organizerId, boolean admin, CreateActivityRequest request,
            Instant opensAt, Instant closesAt, Instant now) {
        Uni<Void> host = request.merchantId() != null ? requireMerchantHost(request.merchantId(), organizerId)
                : memberships.access(request.communityId(), organizerId, admin).invoke(access -> {
                    // an unknown community is a 404 from the projection: it may be on its way (ReadYourWrites)
                    access.requireMember("community " + request.communityId());
                    if (!access.community().isActive()) {
                        throw ProblemException.conflict("community " + request.communityId() + " is archived");
                    }
                }).replaceWithVoid();
        return host.flatMap(hostChecked -> {
            Activity activity = new Activity();
            activity.id = UUID.randomUUID().toString();
            activity.communityId = request.communityId();
            activity.merchantId = request.merchantId();
            activity.organizerId = organizerId;
            activity.title = request.title().strip();
            activity.description = request.description();
            activity.startsAt = request.startsAt().truncatedTo(ChronoUnit.MICROS);
            activity.endsAt = request.endsAt().truncatedTo(ChronoUnit.MICROS);
            setVenue(activity, request.venue());
            activity.capacity = request.capacity();
            activity.rsvpOpensAt = opensAt.truncatedTo(ChronoUnit.MICROS);
            activity.rsvpClosesAt = closesAt.truncatedTo(ChronoUnit.MICROS);
            activity.status = Activity.SCHEDULED;
            activity.goingSeats = 1;
            activity.waitlistCount = 0;
            activity.nextTicket = 1;
            activity.createdAt = now;
            activity.updatedAt = now;

            Rsvp organizer = new Rsvp();
            organizer.activityId = activity.id;
            organizer.userId = organizerId;
            organizer.status = Rsvp.GOING;
            organizer.guests = 0;
            organizer.createdAt = now;
            organizer.updatedAt = now;
            return activity.persist()
                    .call(organizer::persist)
                    .call(() -> outbox.append(new ActivityScheduled(activity.id, activity.communityId,
                            activity.merchantId, organizerId, activity.title, activity.description,
                            activity.startsAt, activity.endsAt, activity.venue(), activity.capacity, now)))
                    .call(() -> outbox.append(new RsvpChanged(activity.id, activity.communityId, organizerId,
                            Rsvp.GOING, 0, null, activity.goingSeats, now)))
                    .map(ignored -> ActivityView.of(activity, 0L, RsvpView.of(organizer, null)));
        });
    }

    /**
     * Only the owner of an ACTIVE merchant schedules its activities: an unknown merchant is 404, someone else 403, a
     * merchant under review, rejected or suspended 409. Each refusal may come from a projection that has not heard
     * of the onboarding or approval yet, so it is a {@link ProjectionMiss} keyed by the merchant.
     */
    private Uni<Void> requireMerchantHost(String merchantId, String callerId) {
        return Merchant.<Merchant>findById(merchantId).invoke(merchant -> {
            if (merchant == null) {
                throw new ProjectionMiss(MerchantProjection.CHANNEL, merchantId,
                        ProblemException.notFound("no merchant " + merchantId));
            }
            if (!AccessPolicy.mayScheduleForMerchant(merchant.ownerId, callerId)) {
                throw new ProjectionMiss(MerchantProjection.CHANNEL, merchantId,
                        ProblemException.forbidden("only the owner of merchant " + merchantId + " may do this"));
            }
            if (!merchant.isActive()) {
                throw new ProjectionMiss(MerchantProjection.CHANNEL, merchantId,
                        ProblemException.conflict("merchant " + merchantId + " is " + merchant.status
                                + "; only an ACTIVE merchant schedules activities"));
            }
        }).replaceWithVoid();
    }

    /**
     * An activity as its reader sees it, read in one query: what were five dependent round trips (the activity, its
     * community, the caller's membership, the caller's RSVP and place in line, the check-ins) made an activity page
     * slower to read than an RSVP is to write.
     */
    @WithSession
    public Uni<ActivityView> get(String activityId, String callerId, boolean admin) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(READ, Object[].class)
                        .setParameter("id", activityId).setParameter("caller", callerId).getSingleResultOrNull())
                .map(row -> {
                    if (row == null) {
                        throw ProblemException.notFound("no activity " + activityId);
                    }
                    Activity activity = (Activity) row[0];
                    Access access = activity.merchantId != null
                            ? Access.ofMerchant(activity.merchantId, (Merchant) row[4], callerId, admin)
                            : new Access(activity.communityId, (Community) row[1], (String) row[2], callerId, admin);
                    access.requireVisible("activity " + activityId);
                    Rsvp rsvp = (Rsvp) row[3];
                    Integer position = rsvp == null || !Rsvp.WAITLISTED.equals(rsvp.status)
                            || rsvp.waitlistTicket == null ? null : ((Long) row[6]).intValue();
                    return ActivityView.of(activity, (Long) row[5], rsvp == null ? null : RsvpView.of(rsvp, position));
                });
    }

    /** Edits an activity; a capacity raise promotes the waitlist, a drop below the seats taken is refused. */
    @WithTransaction
    public Uni<ActivityView> update(String activityId, String callerId, boolean admin,
            UpdateActivityRequest request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return seats.lock(activityId).flatMap(activity -> memberships.of(activity, callerId, admin)
                .flatMap(access -> {
                    access.requireManager(activity.organizerId, "activity " + activityId);
                    if (activity.isCancelled()) {
                        throw ProblemException.conflict("activity " + activityId + " was cancelled");
                    }
                    Instant startsAt = request.startsAt() == null ? activity.startsAt
                            : request.startsAt().truncatedTo(ChronoUnit.MICROS);
                    Instant endsAt = request.endsAt() == null ? activity.endsAt
                            : request.endsAt().truncatedTo(ChronoUnit.MICROS);
                    Instant opensAt = request.rsvpOpensAt() == null ? activity.rsvpOpensAt
                            : request.rsvpOpensAt().truncatedTo(ChronoUnit.MICROS);
                    // A window that closed at the start keeps doing so when the start moves.
                    Instant closesAt = request.rsvpClosesAt() != null
                            ? request.rsvpClosesAt().truncatedTo(ChronoUnit.MICROS)
                            : activity.rsvpClosesAt.equals(activity.startsAt) ? startsAt : activity.rsvpClosesAt;
                    boolean startMoved = !startsAt.equals(activity.startsAt);
                    failOn(ActivityRules.check(now, startsAt, endsAt, opensAt, closesAt, startMoved));
                    int capacity = request.capacity() == null ? activity.capacity : request.capacity();
                    if (!SeatPlan.capacityAllowed(capacity, activity.goingSeats)) {
                        throw ProblemException.conflict("capacity " + capacity + " is below the "
                                + activity.goingSeats + " seats already taken");
                    }
                    String title = request.title() == null ? activity.title : request.title().strip();
                    String description = request.description() == null ? activity.description
                            : request.description();
                    Activity before = copyOf(activity);
                    activity.title = title;
                    activity.description = description;
                    activity.startsAt = startsAt;
                    activity.endsAt = endsAt;
                    activity.rsvpOpensAt = opensAt;
                    activity.rsvpClosesAt = closesAt;
                    activity.capacity = capacity;
                    if (request.venue() != null) {
                        setVenue(activity, request.venue());
                    }
                    if (sameDetails(before, activity)) {
                        return view(activity, callerId);
                    }
                    activity.updatedAt = now;
                    return outbox.append(new ActivityUpdated(activity.id, activity.communityId, activity.title,
                            activity.description, activity.startsAt, activity.endsAt, activity.venue(),
                            activity.capacity, callerId, now))
                            .call(() -> capacity > before.capacity ? seats.promote(activity, now)
                                    : Uni.createFrom().voidItem())
                            .flatMap(ignored -> view(activity, callerId));
                }));
    }

    /** Cancels: RSVPs close and activity-cancelled tells everyone; a repeat changes nothing. */
    @WithTransaction
    public Uni<ActivityView> cancel(String activityId, String callerId, boolean admin) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return seats.lock(activityId).flatMap(activity -> memberships.of(activity, callerId, admin)
                .flatMap(access -> {
                    access.requireManager(activity.organizerId, "activity " + activityId);
                    if (activity.isCancelled()) {
                        return view(activity, callerId);
                    }
                    if (!now.isBefore(activity.endsAt)) {
                        throw ProblemException.conflict("activity " + activityId + " is already over");
                    }
                    activity.status = Activity.CANCELLED;
                    activity.updatedAt = now;
                    return outbox.append(new ActivityCancelled(activity.id, activity.communityId,
                            activity.merchantId, callerId, now))
                            .flatMap(ignored -> view(activity, callerId));
                }));
    }

    /** What q searches: the expression of the activity_search index (V5__search.sql), so the index serves it. */
    static final String SEARCH_DOC = "(setweight(to_tsvector('simple', search_doc(coalesce(a.title, ''))), 'A')"
            + " || setweight(to_tsvector('simple', search_doc(coalesce(a.description, ''))), 'B'))";

    /** Upcoming (and ongoing) activities the caller may see, soonest first. */
    @WithSession
    public Uni<ActivityPage> list(String callerId, boolean admin, ActivityQuery query) {
        // The search query in FROM is built once per statement, not once per row of a generic plan.
        // A merchant's activity has no community: it is open to everyone.
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS)
                .append(" from activity a left join community c on c.id = a.community_id")
                .append(query.text() != null ? " cross join search_query(:text) as query" : "")
                .append(" where a.status = 'SCHEDULED'");
        if (!admin) {
            sql.append(" and (a.merchant_id is not null or c.visibility = 'PUBLIC'"
                    + " or exists (select 1 from community_member m"
                    + " where m.community_id = a.community_id and m.user_id = :caller))");
        }
        if (query.communityId() != null) {
            sql.append(" and a.community_id = :community");
        }
        if (query.merchantId() != null) {
            sql.append(" and a.merchant_id = :merchant");
        }
        if (query.interest() != null) {
            sql.append(" and :interest = any(c.interests)");
        }
        if (query.text() != null) {
            sql.append(" and ").append(SEARCH_DOC).append(" @@ query");
        }
        sql.append(query.from() != null ? " and a.starts_at >= :from" : " and a.ends_at > :now");
        if (query.to() != null) {
            sql.append(" and a.starts_at < :to");
        }
        if (query.lat() != null) {
            // Great-circle (haversine) distance in km: real distance, not a lat/lon box.
            sql.append(" and 2 * 6371.0 * asin(sqrt(power(sin(radians(a.lat - :lat) / 2), 2)"
                    + " + cos(radians(:lat)) * cos(radians(a.lat)) * power(sin(radians(a.lon - :lon) / 2), 2)))"
                    + " <= :radius");
        }
        if (query.afterId() != null) {
            sql.append(" and (a.starts_at, a.id) > (:afterAt, :afterId)");
        }
        sql.append(" order by a.starts_at, a.id limit :limit");
        return Panache.getSession().flatMap(session -> {
            Mutiny.SelectionQuery<Activity> select = NativeSelect.of(session, sql.toString(), Activity.class);
            if (!admin) {
                select.setParameter("caller", callerId);
            }
            if (query.communityId() != null) {
                select.setParameter("community", query.communityId());
            }
            if (query.merchantId() != null) {
                select.setParameter("merchant", query.merchantId());
            }
            if (query.interest() != null) {
                select.setParameter("interest", query.interest());
            }
            if (query.text() != null) {
                select.setParameter("text", query.text());
            }
            if (query.from() != null) {
                select.setParameter("from", query.from());
            } else {
                select.setParameter("now", Instant.now());
            }
            if (query.to() != null) {
                select.setParameter("to", query.to());
            }
            if (query.lat() != null) {
                select.setParameter("lat", query.lat());
                select.setParameter("lon", query.lon());
                select.setParameter("radius", query.radiusKm());
            }
            if (query.afterId() != null) {
                select.setParameter("afterAt", query.afterStartsAt());
                select.setParameter("afterId", query.afterId());
            }
            select.setParameter("limit", query.limit());
            return select.getResultList();
        }).map(rows -> new ActivityPage(rows.stream().map(a -> ActivityView.of(a, null, null)).toList(),
                rows.size() < query.limit() ? null : ActivityQuery.cursorAfter(rows.get(rows.size() - 1))));
    }

    private Uni<ActivityView> view(Activity activity, String callerId) {
        return Rsvp.find(activity.id, callerId)
                .flatMap(rsvp -> (rsvp == null ? Uni.createFrom().<Integer>nullItem() : seats.position(rsvp))
                        .flatMap(position -> Rsvp.count("activityId = ?1 and checkedInAt is not null", activity.id)
                                .map(checkedIn -> ActivityView.of(activity, checkedIn,
                                        rsvp == null ? null : RsvpView.of(rsvp, position)))));
    }

    private static void setVenue(Activity activity, VenueInput venue) {
        activity.venueName = venue.name().strip();
        activity.venueAddress = venue.address();
        activity.lat = venue.lat();
        activity.lon = venue.lon();
    }

    private static Activity copyOf(Activity activity) {
        Activity copy = new Activity();
        copy.title = activity.title;
        copy.description = activity.description;
        copy.startsAt = activity.startsAt;
        copy.endsAt = activity.endsAt;
        copy.rsvpOpensAt = activity.rsvpOpensAt;
        copy.rsvpClosesAt = activity.rsvpClosesAt;
        copy.capacity = activity.capacity;
        copy.venueName = activity.venueName;
        copy.venueAddress = activity.venueAddress;
        copy.lat = activity.lat;
        copy.lon = activity.lon;
        return copy;
    }

    private static boolean sameDetails(Activity a, Activity b) {
        return Objects.equals(a.title, b.title) && Objects.equals(a.description, b.description)
                && a.startsAt.equals(b.startsAt) && a.endsAt.equals(b.endsAt)
                && a.rsvpOpensAt.equals(b.rsvpOpensAt) && a.rsvpClosesAt.equals(b.rsvpClosesAt)
                && a.capacity == b.capacity && Objects.equals(a.venueName, b.venueName)
                && Objects.equals(a.venueAddress, b.venueAddress) && a.lat == b.lat && a.lon == b.lon;
    }

    private static void failOn(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Invalid request", errors.get(0).field() + ": " + errors.get(0).message(),
                    errors);
        }
    }
}
