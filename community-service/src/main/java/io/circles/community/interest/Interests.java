package io.circles.community.interest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.circles.platform.problem.Problem;
import io.circles.platform.problem.ProblemException;

/** The fixed interest taxonomy communities are tagged with; clients show it as chips. */
public final class Interests {

    public static final List<Interest> ALL = List.of(
            new Interest("coffee", "Coffee"), new Interest("wine", "Wine"), new Interest("camping", "Camping"),
            new Interest("baseball", "Baseball"), new Interest("hiking", "Hiking"), new Interest("fishing", "Fishing"),
            new Interest("cycling", "Cycling"), new Interest("running", "Running"),
            new Interest("photography", "Photography"), new Interest("food", "Food"), new Interest("books", "Books"),
            new Interest("music", "Music"), new Interest("pets", "Pets"), new Interest("boardgames", "Board games"),
            new Interest("tea", "Tea"), new Interest("yoga", "Yoga"), new Interest("climbing", "Climbing"),
            new Interest("basketball", "Basketball"), new Interest("football", "Football"),
            new Interest("badminton", "Badminton"), new Interest("swimming", "Swimming"),
            new Interest("travel", "Travel"), new Interest("crafts", "Crafts"), new Interest("gardening", "Gardening"),
            new Interest("parenting", "Parenting"), new Interest("languages", "Languages"));

    private static final Set<String> IDS = ALL.stream().map(Interest::id).collect(Collectors.toUnmodifiableSet());

    private Interests() {
    }

    public static boolean isKnown(String id) {
        return id != null && IDS.contains(id);
    }

    /** 400 naming each unknown interest, as {@code interests[i]}. */
    public static void check(List<String> interests) {
        List<Problem.FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < interests.size(); i++) {
            if (!isKnown(interests.get(i))) {
                unknown.add(new Problem.FieldError("interests[" + i + "]",
                        "unknown interest '" + interests.get(i) + "' (see GET /api/interests)"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ProblemException(400, "Invalid request",
                    unknown.get(0).field() + ": " + unknown.get(0).message(), unknown);
        }
    }

    /** One interest: a stable id used in APIs and events, and a display name. */
    public record Interest(String id, String name) {
    }
}
