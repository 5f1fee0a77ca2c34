package io.circles.merchant.merchant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/merchants/{id}/reject}: the owner is told the reason. */
public record RejectRequest(@NotBlank @Size(max = 500) String reason) {
}
