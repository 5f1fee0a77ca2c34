package io.circles.platform.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import io.circles.platform.problem.Problem;
import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.Test;

class ProblemResponsesFilterTest {

    @Test
    void problemSchemaNamesEveryFieldOfTheProblemRecord() {
        assertEquals(names(Problem.class.getRecordComponents()),
                List.copyOf(ProblemResponsesFilter.problemSchema().getProperties().keySet()));
        assertEquals(names(Problem.FieldError.class.getRecordComponents()),
                List.copyOf(ProblemResponsesFilter.fieldErrorSchema().getProperties().keySet()));
    }

    private static List<String> names(RecordComponent[] components) {
        return Arrays.stream(components).map(RecordComponent::getName).toList();
    }
}
