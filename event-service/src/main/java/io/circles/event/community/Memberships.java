package io.circles.event.community;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads the membership projection for authorization; call it inside the caller's session. */
@ApplicationScoped
public class Memberships {

    public Uni<Access> access(String communityId, String callerId, boolean platformAdmin) {
        return Community.<Community>findById(communityId)
                .flatMap(community -> community == null
                        ? Uni.createFrom().item(new Access(communityId, null, null, callerId, platformAdmin))
                        : CommunityMember.find(communityId, callerId)
                                .map(member -> new Access(communityId, community, member == null ? null : member.role,
                                        callerId, platformAdmin)));
    }
}
