package io.circles.system.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.circles.system.security.OpenApiOperations.Operation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authorization policy, generated from the services' own contracts: every operation in their OpenAPI documents
 * is called as every kind of caller on a public and a private community and compared with the declared table in
 * {@code security/policy.txt}. An operation without a row, a row without an operation, or an operation on a
 * community's things declared for only one of the two fixtures fails the suite, and so does a refused write that
 * changed any row of its service's tables or put an event in its outbox ({@link WriteLedger}).
 */
class AuthorizationPolicyIT {

    private static SecurityWorld world;
    private static List<Operation> operations;
    private static List<PolicyTable.Row> rows;
    private static Map<String, String> services;

    @BeforeAll
    static void createWorld() {
        world = SecurityWorld.get();
        operations = OpenApiOperations.all();
        rows = PolicyTable.rows();
        services = operations.stream().collect(Collectors.toMap(Operation::key, Operation::service, (a, b) -> a));
    }

    @Test
    void thePolicyTableNamesEveryOperationOfEveryServiceAndNothingElse() {
        Set<String> declared = operations.stream().map(Operation::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> tabled = rows.stream().map(PolicyTable.Row::operation)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(declared);
        missing.removeAll(tabled);
        Set<String> unknown = new TreeSet<>(tabled);
        unknown.removeAll(declared);
        Set<String> withoutRecipe = declared.stream().filter(key -> !Requests.has(key))
                .collect(Collectors.toCollection(TreeSet::new));
        // An operation on a community's things is declared for both fixtures, a public and a private community, but
        // for deciding join requests, which only a private community has.
        Map<String, Set<String>> fixtures = rows.stream().collect(Collectors.groupingBy(PolicyTable.Row::operation,
                TreeMap::new, Collectors.mapping(PolicyTable.Row::fixture, Collectors.toCollection(TreeSet::new))));
        Set<String> oneFixtureOnly = fixtures.entrySet().stream()
                .filter(e -> !e.getValue().equals(Set.of("-")) && !e.getValue().equals(Set.of("public", "private"))
                        && !(e.getKey().contains("/join-requests/") && e.getValue().equals(Set.of("private"))))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Map.of("operations without a policy row", Set.of(), "policy rows without an operation", Set.of(),
                        "operations without a request recipe", Set.of(),
                        "community operations without both a public and a private row", Set.of()),
                Map.of("operations without a policy row", missing, "policy rows without an operation", unknown,
                        "operations without a request recipe", withoutRecipe,
                        "community operations without both a public and a private row", oneFixtureOnly),
                declared.size() + " operations in the OpenAPI documents, " + rows.size() + " policy rows");
    }

    @Test
    void everyOperationAnswersEveryRoleAsThePolicyDeclares() throws Exception {
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        int refusedWrites = 0;
        try (WriteLedger ledger = new WriteLedger()) {
            for (PolicyTable.Row row : rows) {
                Requests.Context context = new Requests.Context(world, row.onPrivate());
                Api api = world.apiFor(row.path());
                for (Role role : Role.values()) {
                    Requests.Call call = Requests.build(row.operation(), context);
                    String path = call.path(row.path());
                    String service = services.get(row.operation());
                    boolean write = !"GET".equals(row.method()) && ledger.tracks(service);
                    String before = write ? ledger.fingerprint(service) : null;
                    Api.Reply reply = api.send(row.method(), path, world.token(role),
                            call.body() == null ? null : call.body().getBytes(StandardCharsets.UTF_8),
                            call.body() == null ? null : "application/json", call.headers());
                    cells++;
                    String expected = row.expected(role);
                    if (!PolicyTable.matches(expected, reply.status())) {
                        mismatches.add(row + " as " + role.column() + ": expected " + expected + " but was "
                                + reply);
                    } else if (reply.status() >= 400 && !reply.isProblem()) {
                        mismatches.add(row + " as " + role.column() + ": " + reply.status() + " is not a problem: "
                                + reply);
                    }
                    if (write && reply.status() >= 400) {
                        // a refusal changes nothing: not a row of the service's tables, not an outbox insert
                        refusedWrites++;
                        String after = ledger.fingerprint(service);
                        if (!before.equals(after)) {
                            mismatches.add(row + " as " + role.column() + ": refused with " + reply.status()
                                    + " but wrote: " + before + "→ " + after);
                        }
                    } else if (write) {
                        ledger.settle(); // the accepted write's later effects must not land in the next refusal
                    }
                }
            }
        }
        System.out.printf("authorization policy: %d calls, %d refused writes checked against the write ledger%n",
                cells, refusedWrites);
        assertEquals(List.of(), mismatches, cells + " calls, " + mismatches.size() + " differ from "
                + PolicyTable.RESOURCE + ":\n" + String.join("\n", mismatches));
    }
}
