package io.circles.notification.inbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who of the candidates an event concerns actually receives its notification: never the actor themself, never someone
 * who blocked the actor, never someone who left (or was banned from) the private community it is about, unless it
 * answers their own request to join.
 */
public final class Recipients {

    private Recipients() {
    }

    /**
     * @param blockedActor candidates who blocked the actor
     * @param leftPrivateCommunity candidates who left the private community the notification is about (empty for a
     *            public one or none)
     */
    public static List<String> of(NotificationType type, Collection<String> candidates, String actorId,
            Set<String> blockedActor, Set<String> leftPrivateCommunity) {
        List<String> recipients = new ArrayList<>();
        for (String candidate : new LinkedHashSet<>(candidates)) {
            if (candidate == null || candidate.isBlank() || candidate.equals(actorId)
                    || blockedActor.contains(candidate)
                    || (!type.aboutOwnMembership() && leftPrivateCommunity.contains(candidate))) {
                continue;
            }
            recipients.add(candidate);
        }
        return recipients;
    }
}
