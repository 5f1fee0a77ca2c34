package io.circles.events;

import java.util.List;

/** Who a promotion is shown to: users whose communities match one of the interests and one of the cities. */
public record Targeting(List<String> interests, List<String> cities) {
}
