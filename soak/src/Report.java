import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Judges a soak run and writes it down: soak.csv, one SVG per series (next to the doc, under soak/), and the part of
 * the doc between {@code <!-- soak:begin -->} and {@code <!-- soak:end -->}; the rest of the doc is left as it is.
 */
final class Report {

    static final String BEGIN = "<!-- soak:begin -->";
    static final String END = "<!-- soak:end -->";
    /** Post-GC heap may move by this much between the first and the last third and still count as flat. */
    static final double HEAP_SLACK_MB = 8;
    static final double HEAP_SLACK_RATIO = 0.10;

    private final SoakDriver.Run run;
    private final double minutes;
    private final int rate;
    private final List<String[]> verdicts = new ArrayList<>();
    private boolean passed = true;

    Report(SoakDriver.Run run, double minutes, int rate) {
        this.run = run;
        this.minutes = minutes;
        this.rate = rate;
        judge();
    }

    boolean passed() {
        return passed;
    }

    private void judge() {
        List<SoakDriver.Sample> samples = run.samples();
        verdict("errors", run.errors() + " of " + run.sent() + " requests"
                + (run.errorSamples().isEmpty() ? "" : " (first: `" + run.errorSamples().get(0) + "`)"),
                run.errors() == 0 && run.sent() > 0);
        for (String service : SoakDriver.SERVICES) {
            List<Double> heap = samples.stream().map(s -> s.heapMb().get(service)).filter(v -> !v.isNaN()).toList();
            if (heap.size() < 3) {
                verdict("heap after GC, " + service, "only " + heap.size() + " measurements", false);
                continue;
            }
            double first = mean(heap.subList(0, heap.size() / 3));
            double last = mean(heap.subList(heap.size() - heap.size() / 3, heap.size()));
            double allowed = Math.max(HEAP_SLACK_MB, first * HEAP_SLACK_RATIO);
            verdict("heap after GC, " + service, String.format(Locale.ROOT,
                    "first third %.1f MB → last third %.1f MB (%+.1f MB; flat within %.1f MB), %d measurements",
                    first, last, last - first, allowed, heap.size()), last - first <= allowed);
        }
        bounded("consumer lag (all groups, records)", s -> s.lag(), run.lagAfterDrain());
        bounded("outbox backlog (rows waiting, all services)",
                s -> s.outbox().values().stream().mapToLong(Long::longValue).sum(), run.outboxAfterDrain());
    }

    /** Bounded: at most a tenth of the readings failed, the last third peaks no higher than twice the first third (+100), and it drains. */
    private void bounded(String name, ToDoubleFunction<SoakDriver.Sample> value, long afterDrain) {
        List<SoakDriver.Sample> samples = run.samples();
        double[] values = samples.stream().mapToDouble(value).toArray();
        // A reading can time out on a saturated machine; only a run that mostly could not look counts as unbounded.
        long failedReadings = Arrays.stream(values).filter(v -> v < 0).count();
        boolean readable = values.length >= 3 && failedReadings <= values.length / 10;
        double firstMax = max(values, 0, values.length / 3);
        double lastMax = max(values, values.length - values.length / 3, values.length);
        double overall = max(values, 0, values.length);
        boolean ok = readable && lastMax <= 2 * firstMax + 100 && afterDrain == 0;
        verdict(name, String.format(Locale.ROOT, "peak %.0f; first third peak %.0f, last third peak %.0f; %s after "
                        + "the load stopped (%.0f s)%s", overall, firstMax, lastMax,
                afterDrain == 0 ? "drained to 0" : "still " + afterDrain, run.drainSeconds(),
                failedReadings == 0 ? "" : "; " + failedReadings + " of " + values.length + " readings failed"), ok);
    }

    private void verdict(String criterion, String figure, boolean ok) {
        verdicts.add(new String[] {criterion, figure, ok ? "pass" : "**FAIL**"});
        passed &= ok;
    }

    void write(Path out, Path doc) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("soak.csv"), csv());
        Path plots = doc.toAbsolutePath().getParent().resolve("soak");
        Files.createDirectories(plots);
        List<SoakDriver.Sample> samples = run.samples();
        double[] x = samples.stream().mapToDouble(SoakDriver.Sample::seconds).toArray();

        List<Svg.Series> p99 = new ArrayList<>();
        for (String call : SoakDriver.CALLS) {
            p99.add(new Svg.Series(call, x, samples.stream().mapToDouble(s -> s.p99().get(call)).toArray()));
        }
        List<Svg.Series> heap = new ArrayList<>();
        for (String service : SoakDriver.SERVICES) {
            heap.add(new Svg.Series(service, x, samples.stream().mapToDouble(s -> s.heapMb().get(service))
                    .toArray()));
        }
        List<Svg.Series> lag = new ArrayList<>();
        TreeSet<String> groups = new TreeSet<>();
        samples.forEach(s -> groups.addAll(s.groupLag().keySet()));
        for (String group : groups) {
            lag.add(new Svg.Series(group, x, samples.stream()
                    .mapToDouble(s -> s.groupLag().getOrDefault(group, -1L) < 0 ? Double.NaN
                            : s.groupLag().get(group)).toArray()));
        }
        List<Svg.Series> outbox = new ArrayList<>();
        for (String service : SoakDriver.OUTBOX_SERVICES) {
            outbox.add(new Svg.Series(service, x, samples.stream()
                    .mapToDouble(s -> s.outbox().get(service) < 0 ? Double.NaN : s.outbox().get(service))
                    .toArray()));
        }
        List<Svg.Series> errors = List.of(new Svg.Series("errors (cumulative)", x,
                samples.stream().mapToDouble(SoakDriver.Sample::errors).toArray()));
        Files.writeString(plots.resolve("p99.svg"),
                Svg.chart("p99 latency per call, each 10 s window (from the due instant)", "ms", p99));
        Files.writeString(plots.resolve("heap.svg"),
                Svg.chart("heap used after a forced full GC, per service", "MB", heap));
        Files.writeString(plots.resolve("lag.svg"), Svg.chart("consumer lag per group", "records", lag));
        Files.writeString(plots.resolve("outbox.svg"),
                Svg.chart("outbox backlog (circles_outbox_waiting)", "rows", outbox));
        Files.writeString(plots.resolve("errors.svg"), Svg.chart("errors", "requests", errors));

        String section = section();
        Files.writeString(out.resolve("section.md"), section);
        String text = Files.isRegularFile(doc) ? Files.readString(doc) : "# Reliability\n\n" + BEGIN + "\n" + END
                + "\n";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            text = text + (text.endsWith("\n") ? "" : "\n") + "\n" + BEGIN + "\n" + END + "\n";
            begin = text.indexOf(BEGIN);
            end = text.indexOf(END);
        }
        Files.writeString(doc, text.substring(0, begin + BEGIN.length()) + "\n" + section + text.substring(end));
        for (String[] v : verdicts) {
            System.out.println("  " + v[2].replace("*", "") + "  " + v[0] + ": " + v[1]);
        }
        System.out.println(passed ? "soak PASSED" : "soak FAILED");
    }

    private String csv() {
        StringBuilder csv = new StringBuilder("seconds,sent,ok,errors");
        SoakDriver.CALLS.forEach(c -> csv.append(",p99_ms_").append(c));
        SoakDriver.SERVICES.forEach(s -> csv.append(",heap_mb_").append(s));
        csv.append(",lag_total");
        TreeSet<String> groups = new TreeSet<>();
        run.samples().forEach(s -> groups.addAll(s.groupLag().keySet()));
        groups.forEach(g -> csv.append(",lag_").append(g));
        SoakDriver.OUTBOX_SERVICES.forEach(s -> csv.append(",outbox_").append(s));
        csv.append('\n');
        for (SoakDriver.Sample s : run.samples()) {
            csv.append(String.format(Locale.ROOT, "%.1f,%d,%d,%d", s.seconds(), s.sent(), s.ok(), s.errors()));
            s.p99().values().forEach(v -> csv.append(',').append(number(v)));
            s.heapMb().values().forEach(v -> csv.append(',').append(number(v)));
            csv.append(',').append(s.lag());
            groups.forEach(g -> csv.append(',').append(s.groupLag().getOrDefault(g, -1L)));
            s.outbox().values().forEach(v -> csv.append(',').append(v));
            csv.append('\n');
        }
        return csv.toString();
    }

    private String section() {
        StringBuilder md = new StringBuilder();
        md.append("## Soak\n\n");
        md.append("Written by `./circles soak --minutes ").append(number(minutes)).append("` ([soak/run.sh](../soak/run.sh), "
                + "[soak/src/SoakDriver.java](../soak/src/SoakDriver.java)) from the run below; every figure and "
                + "plot here comes from that one run (raw series: `soak/target/results/soak.csv`).\n\n");
        md.append("| | |\n| --- | --- |\n");
        md.append("| date | ").append(ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append(" |\n");
        md.append("| commit | ").append(env("SOAK_COMMIT", "unknown")).append(" |\n");
        md.append("| machine | ").append(env("SOAK_MACHINE", "unknown")).append(" |\n");
        md.append("| load | ").append(rate).append(" req/s for ").append(number(minutes))
                .append(" min, open loop (each request is sent at its due instant whether or not earlier ones "
                        + "have answered; latency counts from that instant, so a stall shows instead of slowing "
                        + "the load down); straight to each service's port; 60% feed reads "
                        + "(`GET /api/feeds/me?limit=20`), 15% posts, 15% joins and leaves (every user/community "
                        + "pair joins, then leaves a full cycle later), 10% RSVPs and cancellations; warm-up: ")
                .append(SoakDriver.warmUp).append(" |\n");
        md.append("| data set | ").append(SoakDriver.USERS).append(" users, ").append(SoakDriver.COMMUNITIES)
                .append(" communities of ").append(SoakDriver.USERS / SoakDriver.COMMUNITIES)
                .append(" members (each post fans out to them), ").append(SoakDriver.JOIN_TARGETS)
                .append(" join-target communities, ").append(SoakDriver.COMMUNITIES
                        * SoakDriver.ACTIVITIES_PER_COMMUNITY).append(" activities of capacity ")
                .append(SoakDriver.ACTIVITY_CAPACITY).append(" (so RSVPs also waitlist and promote); loaded "
                        + "through the public API |\n");
        md.append("| sampling | every ").append(SoakDriver.SAMPLE_SECONDS).append(" s: errors, p99 per call; "
                        + "consumer lag of every group (Kafka Admin: end offsets − committed offsets); outbox "
                        + "backlog (`circles_outbox_waiting` on `/q/metrics`); every ")
                .append(SoakDriver.HEAP_EVERY * SoakDriver.SAMPLE_SECONDS).append(" s the heap of each service "
                        + "JVM right after a forced full GC (`MemoryMXBean.gc()` over a JMX agent attached to the "
                        + "process) |\n\n");

        String note = env("SOAK_NOTE", "");
        if (!note.isEmpty()) {
            md.append(note).append("\n\n");
        }
        md.append(passed ? "**Result: passed.**\n\n" : "**Result: failed.**\n\n");
        md.append("| criterion | figure | |\n| --- | --- | --- |\n");
        for (String[] v : verdicts) {
            md.append("| ").append(v[0]).append(" | ").append(v[1].replace("|", "\\|")).append(" | ").append(v[2])
                    .append(" |\n");
        }
        md.append("\nHeap is flat when the mean of the last third of the post-GC measurements is at most ")
                .append(number(HEAP_SLACK_MB)).append(" MB or ").append(Math.round(HEAP_SLACK_RATIO * 100))
                .append("% (the larger) above the mean of the first third. Lag and backlog are bounded when the "
                        + "last third peaks no higher than twice the first third's peak plus 100 and both drain to "
                        + "0 once the load stops.\n\n");

        md.append("| call | requests | errors | p50 | p99 | p99.9 | worst 10 s window p99 |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n");
        for (String call : SoakDriver.CALLS) {
            long[] counts = run.callCounts().get(call);
            double[] p = run.runPercentiles().get(call);
            double worst = run.samples().stream().mapToDouble(s -> s.p99().get(call)).filter(v -> !Double.isNaN(v))
                    .max().orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s ms | %s ms | %s ms | %s ms |%n", call,
                    counts[0], counts[1], number(p[0]), number(p[1]), number(p[2]), number(worst)));
        }
        md.append("\n![p99 per call](soak/p99.svg)\n\n![heap after GC](soak/heap.svg)\n\n"
                + "![consumer lag](soak/lag.svg)\n\n![outbox backlog](soak/outbox.svg)\n\n"
                + "![errors](soak/errors.svg)\n\n");
        md.append("Reproduce: `./circles soak --minutes ").append(number(minutes))
                .append("` (it starts and stops a stack of its own on free ports, data under `soak/target/data`). "
                        + "The forced GCs every ")
                .append(SoakDriver.HEAP_EVERY * SoakDriver.SAMPLE_SECONDS)
                .append(" s pause each service briefly and are part of what the p99 figures include. Figures from "
                        + "a shared 2-core machine that also runs the load generator and the infrastructure: read "
                        + "them as trends, not capacity.\n");
        return md.toString();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double max(double[] values, int from, int to) {
        double max = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            max = Math.max(max, values[i]);
        }
        return max;
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.1f", v);
    }
}
