package io.circles.notification.merchant;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Who owns a merchant, from its onboarding event: the one recipient of everything about it. */
final class MerchantOwners {

    private static final String OWNER = "select owner_id from merchant where id = $1";

    private MerchantOwners() {
    }

    /** The owner's id, or null for a merchant whose onboarding this service has not seen. */
    static Uni<String> of(SqlConnection sql, String merchantId) {
        return sql.preparedQuery(OWNER).execute(Tuple.of(merchantId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }
}
