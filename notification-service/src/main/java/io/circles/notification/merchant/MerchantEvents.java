package io.circles.notification.merchant;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.circles.events.merchant.MerchantApproved;
import io.circles.events.merchant.MerchantOnboarded;
import io.circles.events.merchant.MerchantRejected;
import io.circles.events.merchant.MerchantSuspended;
import io.circles.notification.inbox.Draft;
import io.circles.notification.inbox.NotificationType;
import io.circles.notification.intake.EventHandler;
import io.circles.notification.intake.Payloads;
import io.circles.platform.messaging.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * merchant.events.v1: merchants and their owners; an admin's review (approved, rejected with its reason, suspended)
 * reaches the owner. A rejection names its owner itself, so it reaches them even before the onboarding is read.
 */
@ApplicationScoped
public class MerchantEvents implements EventHandler {

    private static final Set<String> TYPES = Set.of(MerchantOnboarded.TYPE, MerchantApproved.TYPE,
            MerchantRejected.TYPE, MerchantSuspended.TYPE);

    private static final String PUT_MERCHANT = """
            insert into merchant (id, owner_id, name) values ($1, $2, $3)
            on conflict (id) do update set owner_id = excluded.owner_id, name = excluded.name""";

    private final ObjectMapper json;

    MerchantEvents(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public Uni<List<Draft>> apply(SqlConnection sql, IncomingEvent event) {
        return switch (event.type()) {
            case MerchantOnboarded.TYPE -> {
                MerchantOnboarded onboarded = event.dataAs(MerchantOnboarded.class, json);
                Payloads.require(event, onboarded.merchantId(), onboarded.ownerId());
                yield sql.preparedQuery(PUT_MERCHANT).execute(Tuple.of(onboarded.merchantId(), onboarded.ownerId(),
                        onboarded.name())).map(done -> List.<Draft>of());
            }
            case MerchantApproved.TYPE -> {
                MerchantApproved approved = event.dataAs(MerchantApproved.class, json);
                Payloads.require(event, approved.merchantId());
                yield toOwner(sql, NotificationType.MERCHANT_APPROVED, approved.merchantId(), approved.approvedBy(),
                        null, approved.approvedAt());
            }
            case MerchantRejected.TYPE -> {
                MerchantRejected rejected = event.dataAs(MerchantRejected.class, json);
                Payloads.require(event, rejected.merchantId(), rejected.ownerId());
                // The event does not say which admin decided: a platform decision, with no actor to name or block.
                yield Uni.createFrom().item(List.of(new Draft(NotificationType.MERCHANT_REJECTED,
                        List.of(rejected.ownerId()), null, Draft.merchant(rejected.merchantId()), null, null,
                        rejected.merchantId(), rejected.reason(), rejected.rejectedAt())));
            }
            case MerchantSuspended.TYPE -> {
                MerchantSuspended suspended = event.dataAs(MerchantSuspended.class, json);
                Payloads.require(event, suspended.merchantId());
                yield toOwner(sql, NotificationType.MERCHANT_SUSPENDED, suspended.merchantId(),
                        suspended.suspendedBy(), suspended.reason(), suspended.suspendedAt());
            }
            default -> Uni.createFrom().item(List.<Draft>of());
        };
    }

    private static Uni<List<Draft>> toOwner(SqlConnection sql, NotificationType type, String merchantId,
            String actorId, String detail, Instant at) {
        return MerchantOwners.of(sql, merchantId).map(owner -> owner == null ? List.<Draft>of()
                : List.of(new Draft(type, List.of(owner), actorId, Draft.merchant(merchantId), null, null, merchantId,
                        detail, at)));
    }
}
