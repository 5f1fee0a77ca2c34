package io.circles.system;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web client's browser journeys (web-client/e2e, Playwright in Debian's Chromium) against the packaged platform
 * behind a gateway that serves the built app: this test starts the platform once and runs {@code playwright test}
 * with the gateway's address, failing with Playwright's report when any journey fails.
 */
class WebClientIT {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final long BUDGET_MINUTES = 8;

    @Test
    void browserJourneysPassAgainstThePlatform() throws Exception {
        Path web = Path.of("").toAbsolutePath().getParent().resolve("web-client");
        Path playwright = web.resolve("node_modules/.bin/playwright");
        assertTrue(Files.isExecutable(playwright), "no " + playwright + ": build web-client first (npm ci runs there)");
        assertTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + ": apt-get install -y chromium");
        PlatformUnderTest platform = PlatformUnderTest.get();

        Path log = Path.of("target", "playwright.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder run = new ProcessBuilder(playwright.toString(), "test")
                .directory(web.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        run.environment().put("CIRCLES_GATEWAY", platform.gatewayUrl());
        run.environment().put("CHROMIUM", CHROMIUM.toString());
        run.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        run.environment().put("CI", "1");
        Process process = run.start();
        boolean finished = process.waitFor(BUDGET_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        String output = read(log);
        System.out.println(output);
        assertTrue(finished, "the browser journeys took longer than " + BUDGET_MINUTES + " minutes:\n" + output);
        assertEquals(0, process.exitValue(), "browser journeys failed:\n" + output);
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
