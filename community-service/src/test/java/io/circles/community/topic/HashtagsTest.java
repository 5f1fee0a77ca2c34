package io.circles.community.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import io.circles.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class HashtagsTest {

    @Test
    void chineseTagsEndAtSpacesAndPunctuation() {
        assertEquals(List.of("徒步", "西湖"), Hashtags.of("周末 #徒步 去了#西湖，风景很好"));
        assertEquals(List.of("徒步"), Hashtags.of("#徒步。明天见"));
        assertEquals(List.of("徒步"), Hashtags.of("#徒步!"));
    }

    @Test
    void fullWidthHashMarksATagToo() {
        assertEquals(List.of("徒步"), Hashtags.of("＃徒步 出发"));
        assertEquals(List.of("coffee"), Hashtags.of("＃ＣＯＦＦＥＥ"));
    }

    @Test
    void latinTagsAreCaseFolded() {
        assertEquals(List.of("coffee"), Hashtags.of("Morning #Coffee and #coffee again"));
        assertEquals(List.of("pour_over", "v60"), Hashtags.of("#Pour_Over, #V60."));
    }

    @Test
    void mixedScriptsInOneTextAndInOneTag() {
        assertEquals(List.of("徒步", "coffee", "露营camping"), Hashtags.of("#徒步 then #Coffee; #露营Camping"));
    }

    @Test
    void weiboStyleClosingHashDoesNotSwallowTheNextWord() {
        assertEquals(List.of("徒步"), Hashtags.of("#徒步#今天天气好"));
    }

    @Test
    void aHashAloneDigitsOnlyAndOverlongRunsAreNoTags() {
        assertEquals(List.of(), Hashtags.of("# alone, #1 in line, ## nothing"));
        assertEquals(List.of(), Hashtags.of("#" + "a".repeat(Hashtags.MAX_LENGTH + 1)));
        assertEquals(List.of(), Hashtags.of(null));
        assertEquals(List.of("2024跑步"), Hashtags.of("#2024跑步"));
    }

    @Test
    void atMostTenTagsCount() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            text.append("#t").append(i).append(' ');
        }
        assertEquals(Hashtags.MAX_PER_POST, Hashtags.of(text.toString()).size());
        assertEquals("t0", Hashtags.of(text.toString()).get(0));
    }

    @Test
    void aRequestedTopicIsParsedLikeATagInText() {
        assertEquals("徒步", Hashtags.parse("徒步"));
        assertEquals("徒步", Hashtags.parse("＃徒步"));
        assertEquals("coffee", Hashtags.parse("#Coffee"));
        assertThrows(ProblemException.class, () -> Hashtags.parse("coffee tea"));
        assertThrows(ProblemException.class, () -> Hashtags.parse("123"));
        assertThrows(ProblemException.class, () -> Hashtags.parse(""));
        assertThrows(ProblemException.class, () -> Hashtags.parse("a;drop"));
    }
}
