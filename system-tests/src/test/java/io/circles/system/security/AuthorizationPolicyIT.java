package io.circles.system.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.circles.system.security.OpenApiOperations.Operation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authorization policy, generated from the services' own contracts: every operation in their OpenAPI documents
 * is called as every kind of caller on a public and a private community and compared with the declared table in
 * {@code security/policy.txt}. An operation without a row, or a row without an operation, fails the suite.
 */
class AuthorizationPolicyIT {

    private static SecurityWorld world;
    private static List<Operation> operations;
    private static List<PolicyTable.Row> rows;

    @BeforeAll
    static void createWorld() {
        world = SecurityWorld.get();
        operations = OpenApiOperations.all();
        rows = PolicyTable.rows();
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
        assertEquals(Map.of("operations without a policy row", Set.of(), "policy rows without an operation", Set.of(),
                        "operations without a request recipe", Set.of()),
                Map.of("operations without a policy row", missing, "policy rows without an operation", unknown,
                        "operations without a request recipe", withoutRecipe),
                declared.size() + " operations in the OpenAPI documents, " + rows.size() + " policy rows");
    }

    @Test
    void everyOperationAnswersEveryRoleAsThePolicyDeclares() {
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        for (PolicyTable.Row row : rows) {
            Requests.Context context = new Requests.Context(world, row.onPrivate());
            Api api = world.apiFor(row.path());
            for (Role role : Role.values()) {
                Requests.Call call = Requests.build(row.operation(), context);
                String path = call.path(row.path());
                Api.Reply reply = api.send(row.method(), path, world.token(role),
                        call.body() == null ? null : call.body().getBytes(StandardCharsets.UTF_8),
                        call.body() == null ? null : "application/json", call.headers());
                cells++;
                String expected = row.expected(role);
                if (!PolicyTable.matches(expected, reply.status())) {
                    mismatches.add(row + " as " + role.column() + ": expected " + expected + " but was " + reply);
                } else if (reply.status() >= 400 && !reply.isProblem()) {
                    mismatches.add(row + " as " + role.column() + ": " + reply.status() + " is not a problem: "
                            + reply);
                }
            }
        }
        assertEquals(List.of(), mismatches, cells + " calls, " + mismatches.size() + " differ from "
                + PolicyTable.RESOURCE + ":\n" + String.join("\n", mismatches));
    }
}
