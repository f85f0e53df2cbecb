package dev.wharf.web;

import java.util.List;

/** The API's list envelope: {@code { "items", "page", "size", "total" }}. */
public record PageOf<T>(List<T> items, int page, int size, long total) {

    public PageOf {
        items = List.copyOf(items);
    }

    /** One page of a whole list that is already in memory. */
    public static <T> PageOf<T> slice(List<T> all, int page, int size) {
        return PageOf.slice(all, page, size);
    }

    /** A list that is always answered whole (log lines, history): one page holding everything. */
    public static <T> PageOf<T> whole(List<T> all) {
        return PageOf.whole(all);
    }
}
