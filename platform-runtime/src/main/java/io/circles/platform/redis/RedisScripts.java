package io.circles.platform.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Lua scripts called by their SHA-1 ({@code EVALSHA}): a call carries 40 bytes instead of the script, and Redis does
 * not hash the text again. A Redis that lost its scripts (restart, failover, {@code SCRIPT FLUSH}) answers
 * {@code NOSCRIPT}; callers then send the text once with {@code EVAL}, which loads it again.
 */
public final class RedisScripts {

    private RedisScripts() {
    }

    /** The SHA-1 Redis knows a script by, in lower-case hex. */
    public static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }

    /** Whether a call failed because Redis does not have the script (send it again with EVAL). */
    public static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().contains("NOSCRIPT");
    }
}
