package dev.wharf.web;

import java.util.Locale;

/** Sizes as people read them, in binary units as engines report memory and disk: 1536 -> "1.5 KiB". */
public final class Bytes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Bytes() {}

    public static String binary(long bytes) {
        double amount = bytes;
        int unit = 0;
        while (Math.abs(amount) >= 1024 && unit < UNITS.length - 1) {
            amount /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", amount, UNITS[unit]);
    }
}
