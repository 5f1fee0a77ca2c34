package io.circles.system.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The declared authorization policy, read from {@code security/policy.txt} on the test classpath. */
final class PolicyTable {

    static final String RESOURCE = "security/policy.txt";

    /** One row: an operation on a fixture, and the status each role must get (exact, or a class such as 2xx). */
    record Row(int line, String method, String path, String fixture, List<String> expected) {

        String operation() {
            return method + " " + path;
        }

        String expected(Role role) {
            return expected.get(role.ordinal());
        }

        boolean onPrivate() {
            return "private".equals(fixture);
        }

        @Override
        public String toString() {
            return operation() + ("-".equals(fixture) ? "" : " [" + fixture + "]");
        }
    }

    private PolicyTable() {
    }

    static List<Row> rows() {
        try (InputStream in = PolicyTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            List<Row> rows = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\\s+");
                if (cells.length != 3 + Role.values().length) {
                    throw new IllegalStateException(RESOURCE + ":" + (i + 1) + " needs method, path, fixture and "
                            + Role.values().length + " statuses: " + line);
                }
                if (!List.of("public", "private", "-").contains(cells[2])) {
                    throw new IllegalStateException(RESOURCE + ":" + (i + 1) + " has an unknown fixture " + cells[2]);
                }
                rows.add(new Row(i + 1, cells[0], cells[1], cells[2], List.of(cells).subList(3, cells.length)));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code status} satisfies a cell: the same number, or the same class for {@code 2xx}-style cells. */
    static boolean matches(String cell, int status) {
        if (cell.endsWith("xx")) {
            return status / 100 == Integer.parseInt(cell.substring(0, 1));
        }
        return status == Integer.parseInt(cell);
    }
}
