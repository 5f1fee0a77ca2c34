package io.circles.feed.read;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Merges the first entries of several timelines (a user's own and the recent timelines of large communities). The
 * first {@code n} distinct entries of the union are always among the first {@code n} of each source, so fetching
 * {@code n} from each and merging is exact; an id present in two sources has one score (its publish time) and is
 * kept once.
 */
public final class FeedMerge {

    private FeedMerge() {
    }

    public static List<Position> firstOf(Collection<List<Position>> sources, int n) {
        TreeSet<Position> merged = new TreeSet<>(Position.FEED_ORDER);
        Set<String> seen = new LinkedHashSet<>();
        for (List<Position> source : sources) {
            merged.addAll(source);
        }
        List<Position> first = new ArrayList<>(n);
        for (Position position : merged) {
            if (first.size() == n) {
                break;
            }
            if (seen.add(position.id())) {
                first.add(position);
            }
        }
        return first;
    }
}
