package io.circles.community.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.circles.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class DisplayNameTest {

    @Test
    void trimsBlanksOfEveryKindAndKeepsAnyScript() {
        assertEquals("Ada", DisplayName.check("  Ada \t"));
        assertEquals("小明", DisplayName.check("\u3000小明\u00A0"));
        assertEquals("<b>Zoë</b>", DisplayName.check("<b>Zoë</b>"));
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String forty = "😀".repeat(40);
        assertEquals(forty, DisplayName.check(forty));
        assertThrows(ProblemException.class, () -> DisplayName.check("😀".repeat(41)));
    }

    @Test
    void refusesEmptyBlankLongAndControlCharacters() {
        for (String bad : new String[] {"", "   ", "\u3000\u00A0\u200B", "x".repeat(41), "a\u0000b", "a\nb",
                "a\u0007"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> DisplayName.check(bad), bad);
            assertEquals(400, e.status());
        }
        assertThrows(ProblemException.class, () -> DisplayName.check(null));
    }
}
