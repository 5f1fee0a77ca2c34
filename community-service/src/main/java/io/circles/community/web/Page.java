package io.circles.community.web;

import java.util.List;

/** The list envelope of every list in the API. */
public record Page<T>(List<T> items, String nextCursor) {
}
