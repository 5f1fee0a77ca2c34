package io.circles.media.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import io.circles.media.TestFiles;
import org.junit.jupiter.api.Test;

class Mp4DurationTest {

    private static Mp4Duration.Ranges of(byte[] file) {
        return (offset, length) -> Arrays.copyOfRange(file, (int) offset, (int) Math.min(file.length, offset + length));
    }

    @Test
    void readsTheDurationFromMvhdWhereverMoovSits() throws Refused {
        byte[] front = TestFiles.mp4(1000, 12_000, false);
        byte[] back = TestFiles.mp4(90_000, 90_000 * 30L, true);
        assertEquals(12, Mp4Duration.seconds(of(front), front.length));
        assertEquals(30, Mp4Duration.seconds(of(back), back.length));
    }

    @Test
    void roundsAPartialSecondUp() throws Refused {
        byte[] clip = TestFiles.mp4(1000, 400, false);
        assertEquals(1, Mp4Duration.seconds(of(clip), clip.length));
    }

    @Test
    void refusesAFileThatIsNotAnMp4OrHasNoHeader() {
        byte[] text = "just some text pretending to be a video".getBytes();
        assertThrows(Refused.class, () -> Mp4Duration.seconds(of(text), text.length));
        byte[] cut = Arrays.copyOf(TestFiles.mp4(1000, 1000, true), 24 + 8 + 1024);
        assertThrows(Refused.class, () -> Mp4Duration.seconds(of(cut), cut.length));
    }
}
