package dev.wharf.live;

import java.util.ArrayList;
import java.util.List;

/**
 * A log line as a terminal would show it, made safe for a page: SGR colours and bold (ESC[…m) become
 * segments with classes from a fixed list (the page's stylesheet colours them), and every other escape or
 * control sequence (cursor moves, titles, hyperlinks, 256-colour and RGB codes) is dropped, so no ESC and no
 * other control character but a tab ever reaches the page or a download. The text itself stays text: the
 * template escapes it like any other.
 */
public final class AnsiText {

    private static final char ESC = 0x1b;
    private static final char BEL = 0x07;
    private static final char CSI_8BIT = 0x9b;
    private static final char OSC_8BIT = 0x9d;
    private static final String[] COLOURS = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};

    /**
     * A run of text in one style.
     *
     * @param css the run's classes ({@code ansi-fg-red ansi-bold}), null when it has no style
     */
    public record Segment(String text, String css) {}

    private AnsiText() {}

    /** The line without any escape or control sequence: what a download holds. */
    public static String strip(String line) {
        StringBuilder plain = new StringBuilder(line.length());
        for (Segment segment : segments(line)) {
            plain.append(segment.text());
        }
        return plain.toString();
    }

    /** The line's text in runs of one style each, in order; empty for an empty line. */
    public static List<Segment> segments(String line) {
        List<Segment> segments = new ArrayList<>();
        Style style = new Style();
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ESC || c == CSI_8BIT || c == OSC_8BIT) {
                boolean csi = c == CSI_8BIT || (c == ESC && i + 1 < line.length() && line.charAt(i + 1) == '[');
                if (csi) {
                    int start = c == CSI_8BIT ? i + 1 : i + 2;
                    int end = start;
                    while (end < line.length() && (line.charAt(end) < 0x40 || line.charAt(end) > 0x7e)) {
                        end++; // parameter and intermediate bytes
                    }
                    if (end < line.length() && line.charAt(end) == 'm') {
                        String css = style.css();
                        style.apply(line.substring(start, end));
                        if (!style.css().equals(css) && run.length() > 0) {
                            segments.add(new Segment(run.toString(), css.isEmpty() ? null : css));
                            run.setLength(0);
                        }
                    }
                    i = end + 1; // an unfinished sequence at the end swallows the rest: it is no text
                } else {
                    i = skipOther(line, i);
                }
            } else if ((c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                i++; // a control character: nothing a page or a text file should carry
            } else {
                run.append(c);
                i++;
            }
        }
        if (run.length() > 0) {
            String css = style.css();
            segments.add(new Segment(run.toString(), css.isEmpty() ? null : css));
        }
        return segments;
    }

    /** Past an escape that is no CSI: a string (OSC, DCS, SOS, PM, APC) up to its terminator, or ESC and its final byte. */
    private static int skipOther(String line, int i) {
        char c = line.charAt(i);
        int next = i + 1;
        if (c == OSC_8BIT || (next < line.length() && "]PX^_".indexOf(line.charAt(next)) >= 0)) {
            int j = c == OSC_8BIT ? next : next + 1;
            while (j < line.length()) {
                char d = line.charAt(j);
                if (d == BEL || d == 0x9c) {
                    return j + 1;
                }
                if (d == ESC && j + 1 < line.length() && line.charAt(j + 1) == '\\') {
                    return j + 2;
                }
                j++;
            }
            return j;
        }
        while (next < line.length() && line.charAt(next) >= 0x20 && line.charAt(next) <= 0x2f) {
            next++; // intermediate bytes, as in ESC ( B
        }
        return Math.min(next + 1, line.length());
    }

    /** The SGR state a terminal keeps: foreground, background, bold. */
    private static final class Style {
        private String foreground;
        private String background;
        private boolean bold;

        void apply(String parameters) {
            String[] codes = parameters.isEmpty() ? new String[] {"0"} : parameters.split("[;:]", -1);
            for (int k = 0; k < codes.length; k++) {
                int code = number(codes[k]);
                if (code == 38 || code == 48 || code == 58) {
                    // 256-colour or RGB: not among the classes a page offers; skip its arguments
                    int mode = k + 1 < codes.length ? number(codes[k + 1]) : -1;
                    k += mode == 5 ? 2 : mode == 2 ? 4 : 1;
                } else if (code == 0) {
                    foreground = null;
                    background = null;
                    bold = false;
                } else if (code == 1) {
                    bold = true;
                } else if (code == 22) {
                    bold = false;
                } else if (code >= 30 && code <= 37) {
                    foreground = COLOURS[code - 30];
                } else if (code >= 90 && code <= 97) {
                    foreground = "bright-" + COLOURS[code - 90];
                } else if (code == 39) {
                    foreground = null;
                } else if (code >= 40 && code <= 47) {
                    background = COLOURS[code - 40];
                } else if (code == 49) {
                    background = null;
                }
            }
        }

        String css() {
            StringBuilder css = new StringBuilder();
            if (foreground != null) {
                css.append("ansi-fg-").append(foreground);
            }
            if (background != null) {
                css.append(css.isEmpty() ? "" : " ").append("ansi-bg-").append(background);
            }
            if (bold) {
                css.append(css.isEmpty() ? "" : " ").append("ansi-bold");
            }
            return css.toString();
        }

        private static int number(String digits) {
            if (digits.isEmpty()) {
                return 0;
            }
            try {
                return digits.length() > 3 ? -1 : Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
