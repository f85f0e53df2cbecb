package dev.wharf.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.live.AnsiText.Segment;
import org.junit.jupiter.api.Test;

class AnsiTextTests {

    private static final String ESC = "\u001b";

    @Test
    void sgrColoursBecomeClassesAndResetEndsThem() {
        assertThat(AnsiText.segments("ok " + ESC + "[31merror" + ESC + "[0m done")).containsExactly(
                new Segment("ok ", null), new Segment("error", "ansi-fg-red"), new Segment(" done", null));
    }

    @Test
    void brightBackgroundAndBoldCombineAndEndOneByOne() {
        assertThat(AnsiText.segments(ESC + "[1;92;44mA" + ESC + "[22mB" + ESC + "[39mC" + ESC + "[49mD" + ESC + "[mE"))
                .containsExactly(new Segment("A", "ansi-fg-bright-green ansi-bg-blue ansi-bold"),
                        new Segment("B", "ansi-fg-bright-green ansi-bg-blue"), new Segment("C", "ansi-bg-blue"),
                        new Segment("DE", null));
    }

    @Test
    void everyOtherEscapeIsStrippedAndNoEscapeOrControlCharacterIsLeft() {
        String line = ESC + "[2J" + ESC + "[10;5H" + "title" + ESC + "]0;window title" + "\u0007" + " link "
                + ESC + "]8;;https://example.com" + ESC + "\\here" + ESC + "]8;;" + ESC + "\\" + ESC + "(B" + ESC + "7"
                + "\u0008bell\u0007\ttab" + "\u009b31m" + "x" + ESC + "[38;5;196mrgb" + ESC + "[38;2;1;2;3m!" + ESC + "[";

        String plain = AnsiText.strip(line);

        assertThat(plain).isEqualTo("title link herebell\ttabxrgb!");
        assertThat(plain).doesNotContain(ESC, "\u0007", "\u0008", "\u009b");
        assertThat(AnsiText.segments(line)).extracting(Segment::css).containsOnly(null, "ansi-fg-red");
    }

    @Test
    void extendedColoursAreNotOfferedButTheirArgumentsAreNotMistakenForCodes() {
        // 38;5;31 must not leave "31" to paint the text red, nor 48;2;1;32;0 leave "32" green
        assertThat(AnsiText.segments(ESC + "[38;5;31mblue-ish" + ESC + "[48;2;1;32;0;1mbold"))
                .containsExactly(new Segment("blue-ish", null), new Segment("bold", "ansi-bold"));
    }

    @Test
    void markupInTheTextStaysTextForTheTemplateToEscape() {
        String hostile = "<script>alert(1)</script><img src=x onerror=alert(1)>";

        assertThat(AnsiText.segments(ESC + "[31m" + hostile)).containsExactly(new Segment(hostile, "ansi-fg-red"));
        assertThat(AnsiText.strip(hostile)).isEqualTo(hostile);
    }

    @Test
    void anEmptyLineHasNoSegments() {
        assertThat(AnsiText.segments("")).isEmpty();
        assertThat(AnsiText.segments(ESC + "[0m")).isEmpty();
    }
}
