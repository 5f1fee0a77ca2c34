package io.circles.merchant.follower;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.circles.events.merchant.MerchantFollowed;
import io.circles.events.merchant.MerchantUnfollowed;
import io.circles.merchant.merchant.Merchant;
import io.circles.merchant.merchant.MerchantAccess;
import io.circles.merchant.merchant.MerchantStatus;
import io.circles.platform.db.NativeSelect;
import io.circles.platform.outbox.Outbox;
import io.circles.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Following merchants. The follower row decides who is new, so repeats and races change the count exactly once. */
@ApplicationScoped
public class FollowerService {

    private static final String INSERT_IF_ABSENT = """
            insert into follower (merchant_id, user_id, created_at) values (:merchantId, :userId, :now)
            on conflict (merchant_id, user_id) do nothing""";

    private final Outbox outbox;

    FollowerService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Follows; a repeat changes nothing and records no event. */
    @WithTransaction
    public Uni<FollowState> follow(String merchantId, String userId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return MerchantAccess.findVisible(merchantId, userId, false)
                .flatMap(merchant -> {
                    if (merchant.status != MerchantStatus.ACTIVE) {
                        throw ProblemException.conflict("merchant " + merchantId + " is " + merchant.status);
                    }
                    return execute(INSERT_IF_ABSENT, merchantId, userId, now);
                })
                .flatMap(inserted -> inserted == 0 ? Uni.createFrom().voidItem()
                        : execute("update merchant set follower_count = follower_count + 1 where id = :merchantId",
                                merchantId, null, null)
                                .call(() -> outbox.append(new MerchantFollowed(merchantId, userId, now)))
                                .replaceWithVoid())
                .flatMap(ignored -> state(merchantId, true));
    }

    /** Unfollows; unfollowing a merchant one does not follow changes nothing and records no event. */
    @WithTransaction
    public Uni<FollowState> unfollow(String merchantId, String userId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Merchant.<Merchant>findById(merchantId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no merchant " + merchantId))
                .flatMap(merchant -> execute(
                        "delete from follower where merchant_id = :merchantId and user_id = :userId",
                        merchantId, userId, null))
                .flatMap(deleted -> deleted == 0 ? Uni.createFrom().voidItem()
                        : execute("update merchant set follower_count = follower_count - 1 where id = :merchantId",
                                merchantId, null, null)
                                .call(() -> outbox.append(new MerchantUnfollowed(merchantId, userId, now)))
                                .replaceWithVoid())
                .flatMap(ignored -> state(merchantId, false));
    }

    private Uni<FollowState> state(String merchantId, boolean following) {
        return Panache.getSession().flatMap(session -> NativeSelect.of(session,
                "select follower_count from merchant where id = :merchantId", Integer.class)
                .setParameter("merchantId", merchantId)
                .getSingleResult())
                .map(count -> new FollowState(merchantId, following, count));
    }

    private static Uni<Integer> execute(String sql, String merchantId, String userId, Instant now) {
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql).setParameter("merchantId", merchantId);
            if (userId != null) {
                query.setParameter("userId", userId);
            }
            if (now != null) {
                query.setParameter("now", now);
            }
            return query.executeUpdate();
        });
    }

    /** The caller's relation to a merchant after a follow or unfollow. */
    public record FollowState(String merchantId, boolean following, int followerCount) {
    }
}
