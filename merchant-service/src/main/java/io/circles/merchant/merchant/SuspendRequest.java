package io.circles.merchant.merchant;

import jakarta.validation.constraints.Size;

/** The optional body of {@code POST /api/merchants/{id}/suspend}. */
public record SuspendRequest(@Size(max = 500) String reason) {
}
