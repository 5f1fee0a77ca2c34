package io.circles.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal Redis (RESP) client for checks and tests: one command per connection, one simple, integer or bulk reply. */
public final class Resp {

    private Resp() {
    }

    /** Runs one command on the Redis at 127.0.0.1:{@code port}; integer replies come back as their decimal text. */
    public static String call(int port, String... args) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            StringBuilder cmd = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
                cmd.append('$').append(bytes.length).append("\r\n").append(a).append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            return switch (line.charAt(0)) {
                case '+', ':' -> line.substring(1);
                case '-' -> throw new IOException(line.substring(1));
                case '$' -> line.equals("$-1") ? null : in.readLine();
                default -> throw new IOException("unexpected reply " + line);
            };
        }
    }
}
