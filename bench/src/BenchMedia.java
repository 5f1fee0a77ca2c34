import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.circles.local.DevTokens;

/**
 * Uploads of a 1 MB JPEG the way a client makes them: {@code POST /api/media} on media-service, the bytes PUT to the
 * signed URL (on the gateway's origin, which hands them to the object store), then {@code POST
 * /api/media/{id}/complete}, where media-service reads the object back, checks it, re-encodes it without metadata
 * and writes its thumbnail. UPLOADS uploads, CONCURRENCY at a time, each by its own user (the daily quota is per
 * user).
 *
 * <p>The ceiling, in the same run and at the same concurrency: the same two first steps without {@code complete}
 * (ask for a URL, PUT the bytes): what media-service's bookkeeping and the store take on their own, so the ratio is
 * what checking, re-encoding and the thumbnail cost.
 *
 * <pre>java BenchMedia UPLOADS CONCURRENCY</pre>
 * Prints {@code media upload n N per_s R p50 X p99 Y failed F}, {@code media complete …}, {@code media put …} and
 * {@code media ceiling …} (milliseconds), and {@code media file bytes B width W height H}.
 */
public final class BenchMedia {

    private static final String MEDIA = "http://127.0.0.1:8086";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern URL = Pattern.compile("\"uploadUrl\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern HEADERS = Pattern.compile("\"uploadHeaders\"\\s*:\\s*\\{([^}]*)}");
    private static final Pattern PAIR = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = Long.toString(System.nanoTime(), 36);

    public static void main(String[] args) throws Exception {
        int uploads = Integer.parseInt(args[0]);
        int concurrency = Integer.parseInt(args[1]);
        BenchMedia bench = new BenchMedia();
        Jpeg jpeg = jpeg(1024 * 1024);
        System.out.printf("media file bytes %d width %d height %d%n", jpeg.bytes().length, jpeg.width(),
                jpeg.height());
        // A short warm-up of both paths (JIT, connection pools, the store's first writes), not counted.
        bench.uploads("warm", Math.min(40, uploads), concurrency, jpeg.bytes(), true);
        bench.uploads("warm-ceiling", Math.min(40, uploads), concurrency, jpeg.bytes(), false);
        Result ceiling = bench.uploads("ceiling", uploads, concurrency, jpeg.bytes(), false);
        Result full = bench.uploads("full", uploads, concurrency, jpeg.bytes(), true);
        print("upload", full.whole(), full.seconds(), full.failed());
        print("complete", full.complete(), full.seconds(), full.failed());
        print("put", full.put(), full.seconds(), full.failed());
        print("ceiling", ceiling.whole(), ceiling.seconds(), ceiling.failed());
        System.exit(full.failed() + ceiling.failed() == 0 ? 0 : 1);
    }

    private Result uploads(String name, int uploads, int concurrency, byte[] jpeg, boolean complete) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Long> whole = Collections.synchronizedList(new ArrayList<>());
        List<Long> puts = Collections.synchronizedList(new ArrayList<>());
        List<Long> completes = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        List<Future<?>> all = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < uploads; i++) {
            String token = DevTokens.mint("bench-media-" + run + "-" + name + "-" + i, Set.of("user"),
                    Duration.ofHours(1));
            all.add(pool.submit(() -> {
                try {
                    long t0 = System.nanoTime();
                    HttpResponse<String> ticket = send("POST", MEDIA + "/api/media", token,
                            "{\"type\":\"IMAGE\",\"contentType\":\"image/jpeg\",\"sizeBytes\":" + jpeg.length + "}");
                    if (ticket.statusCode() != 201) {
                        throw new IllegalStateException("POST /api/media answered " + ticket.statusCode()
                                + " " + ticket.body());
                    }
                    long t1 = System.nanoTime();
                    int stored = put(match(URL, ticket.body()), headers(ticket.body()), jpeg);
                    if (stored != 200) {
                        throw new IllegalStateException("the store answered " + stored + " to the signed PUT");
                    }
                    long t2 = System.nanoTime();
                    puts.add(t2 - t1);
                    if (complete) {
                        HttpResponse<String> done = send("POST", MEDIA + "/api/media/" + match(ID, ticket.body())
                                + "/complete", token, null);
                        if (done.statusCode() != 200 || !"READY".equals(match(STATUS, done.body()))) {
                            throw new IllegalStateException("complete answered " + done.statusCode() + " "
                                    + done.body());
                        }
                        completes.add(System.nanoTime() - t2);
                    }
                    whole.add(System.nanoTime() - t0);
                } catch (Exception e) {
                    if (failed.getAndIncrement() < 3) {
                        System.err.println(name + ": " + e.getMessage());
                    }
                }
                return null;
            }));
        }
        for (Future<?> done : all) {
            done.get();
        }
        pool.shutdown();
        return new Result(whole, puts, completes, (System.nanoTime() - started) / 1e9, failed.get());
    }

    private static void print(String name, List<Long> times, double seconds, int failed) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "media %s n %d per_s %.1f p50 %.1f p99 %.1f max %.1f failed %d%n", name,
                sorted.size(), sorted.size() / seconds, at(sorted, 0.5), at(sorted, 0.99), at(sorted, 1.0), failed);
    }

    /** A photo-like JPEG (smooth gradients under noise, so it compresses like a photo) of about {@code target} bytes. */
    static Jpeg jpeg(int target) throws Exception {
        Random random = new Random(42);
        int side = 1200;
        byte[] best = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            BufferedImage image = new BufferedImage(side, side * 3 / 4, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int r = (x * 255 / image.getWidth() + random.nextInt(48)) & 0xff;
                    int g = (y * 255 / image.getHeight() + random.nextInt(48)) & 0xff;
                    int b = ((x + y) * 127 / image.getWidth() + random.nextInt(48)) & 0xff;
                    image.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
            best = encode(image, 0.9f);
            if (Math.abs(best.length - target) < target / 10) {
                return new Jpeg(best, image.getWidth(), image.getHeight());
            }
            side = (int) (side * Math.sqrt((double) target / best.length));
        }
        BufferedImage decoded = ImageIO.read(new java.io.ByteArrayInputStream(best));
        return new Jpeg(best, decoded.getWidth(), decoded.getHeight());
    }

    private static byte[] encode(BufferedImage image, float quality) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static Map<String, String> headers(String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        Matcher block = HEADERS.matcher(body);
        if (block.find()) {
            Matcher pair = PAIR.matcher(block.group(1));
            while (pair.find()) {
                if (!RESTRICTED.contains(pair.group(1).toLowerCase(Locale.ROOT))) {
                    headers.put(pair.group(1), pair.group(2));
                }
            }
        }
        return headers;
    }

    private int put(String url, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String match(Pattern pattern, String body) {
        Matcher found = pattern.matcher(body);
        if (!found.find()) {
            throw new IllegalStateException("no " + pattern + " in " + body);
        }
        return found.group(1).replace("\\u0026", "&").replace("\\/", "/");
    }

    private static double at(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    record Jpeg(byte[] bytes, int width, int height) {
    }

    private record Result(List<Long> whole, List<Long> put, List<Long> complete, double seconds, int failed) {
    }
}
