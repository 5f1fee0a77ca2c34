package io.circles.notification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import io.circles.test.Tokens;

/**
 * A user's live stream (server-sent events) over a raw socket, so closing it is a real TCP close, as when an app is
 * killed.
 */
final class LiveStream implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;

    private LiveStream(Socket socket, BufferedReader in) {
        this.socket = socket;
        this.in = in;
    }

    /** Opens {@code stream} as {@code user} (bearer token) and asserts it answered 200. */
    static LiveStream open(URL stream, String user) throws IOException {
        Socket socket = new Socket(stream.getHost(), stream.getPort());
        try {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + stream.getPath() + " HTTP/1.1\r\nHost: " + stream.getHost() + "\r\n"
                    + "Authorization: Bearer " + Tokens.forUser(user) + "\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            assertTrue(status != null && status.contains(" 200 "), "stream answered " + status);
            return new LiveStream(socket, in);
        } catch (Throwable e) {
            socket.close();
            throw e;
        }
    }

    /** The response's next line (the rest of the headers, then the events), or null once the stream ended. */
    String readLine() throws IOException {
        return in.readLine();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
