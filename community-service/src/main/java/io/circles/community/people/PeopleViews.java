package io.circles.community.people;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the people endpoints. */
public final class PeopleViews {

    private PeopleViews() {
    }

    /**
     * {@code PUT /api/people/me}: the whole profile (a field left out is cleared). The display name's rule is in
     * {@link DisplayName}; the size here only refuses a huge body before it is trimmed.
     */
    public record UpdateProfile(@NotNull @Size(max = 400) String displayName, @Size(max = 300) String bio,
            @Size(max = 80) String city, @Size(max = 10) List<@NotNull @Size(max = 40) String> interests,
            @Size(max = 100) String avatarMediaId) {
    }

    /** The caller's own profile. */
    public record ProfileView(String id, String displayName, String avatarMediaId, String avatarUrl, String bio,
            String city, List<String> interests) {
    }

    /** Someone's profile as another person sees it: {@code communityCount} counts only communities they may see. */
    public record PersonView(String id, String displayName, String avatarMediaId, String avatarUrl, String bio,
            String city, List<String> interests, int communityCount) {
    }

    /** One person the caller blocks. */
    public record BlockView(String userId, AuthorProfile authorProfile, Instant blockedAt) {
    }
}
