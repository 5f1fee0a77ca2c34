package io.circles.merchant.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class SocialCreditCodeTest {

    @Test
    void publishedCodesAreValid() {
        assertTrue(SocialCreditCode.isValid("91350100M000100Y43"));
        assertTrue(SocialCreditCode.isValid("91110000600037341L"));
        assertNull(SocialCreditCode.problem("91350100M000100Y43"));
    }

    @Test
    void lowerCaseAndSurroundingSpacesAreNormalized() {
        assertTrue(SocialCreditCode.isValid(" 91110000600037341l "));
        assertEquals("91110000600037341L", SocialCreditCode.normalize(" 91110000600037341l "));
    }

    @Test
    void aWrongCheckCharacterIsRejected() {
        assertFalse(SocialCreditCode.isValid("91350100M000100Y44"));
        assertEquals("check character does not match", SocialCreditCode.problem("91350100M000100Y44"));
    }

    @Test
    void aSingleChangedCharacterIsCaught() {
        assertFalse(SocialCreditCode.isValid("91350100M000200Y43"));
        assertFalse(SocialCreditCode.isValid("92350100M000100Y43"));
    }

    @Test
    void wrongLengthIsRejected() {
        assertEquals("must be 18 characters", SocialCreditCode.problem("91350100M000100Y4"));
        assertEquals("must be 18 characters", SocialCreditCode.problem("91350100M000100Y433"));
        assertEquals("must be 18 characters", SocialCreditCode.problem(""));
        assertEquals("must be 18 characters", SocialCreditCode.problem(null));
    }

    @Test
    void lettersOutsideTheAlphabetAreRejected() {
        for (String letter : Set.of("I", "O", "S", "V", "Z", "-", "中")) {
            String code = "91350100M000100" + letter + "43";
            assertTrue(SocialCreditCode.problem(code).contains("is not allowed"), code);
        }
    }

    @Test
    void theRefusedCharacterIsNamedByItsPositionCountingFromOne() {
        assertEquals("character 1 ('O') is not allowed", SocialCreditCode.problem("O1350100M000100Y43"));
        assertEquals("character 16 ('I') is not allowed", SocialCreditCode.problem("91350100M000100I43"));
    }

    @Test
    void theComputedCheckCharacterCompletesAValidCode() {
        String first17 = "91330106MA2B3C4D5";
        assertTrue(SocialCreditCode.isValid(first17 + SocialCreditCode.checkCharacter(first17)));
        assertEquals('3', SocialCreditCode.checkCharacter("91350100M000100Y4"));
    }
}
