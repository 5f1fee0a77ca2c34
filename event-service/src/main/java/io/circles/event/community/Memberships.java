package io.circles.event.community;

import io.circles.event.activity.Activity;
import io.circles.event.merchant.Merchant;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads the membership and merchant projections for authorization; call it inside the caller's session. */
@ApplicationScoped
public class Memberships {

    /** Access to an activity, through its community or, for a merchant's activity, its merchant. */
    public Uni<Access> of(Activity activity, String callerId, boolean platformAdmin) {
        if (activity.merchantId != null) {
            return Merchant.<Merchant>findById(activity.merchantId)
                    .map(merchant -> Access.ofMerchant(activity.merchantId, merchant, callerId, platformAdmin));
        }
        return access(activity.communityId, callerId, platformAdmin);
    }

    public Uni<Access> access(String communityId, String callerId, boolean platformAdmin) {
        return Community.<Community>findById(communityId)
                .flatMap(community -> community == null
                        ? Uni.createFrom().item(new Access(communityId, null, null, callerId, platformAdmin))
                        : CommunityMember.find(communityId, callerId)
                                .map(member -> new Access(communityId, community, member == null ? null : member.role,
                                        callerId, platformAdmin)));
    }
}
