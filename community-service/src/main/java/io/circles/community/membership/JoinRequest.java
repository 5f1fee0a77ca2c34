package io.circles.community.membership;

import jakarta.validation.constraints.Size;

/** The optional body of a join: the answer to a private community's join question. */
public record JoinRequest(@Size(max = 500) String answer) {
}
