package dev.wharf.web;

import java.util.List;

/** The API's list envelope: {@code { "items", "page", "size", "total" }}. */
public record PageOf<T>(List<T> items, int page, int size, long total) {

    public PageOf {
        items = List.copyOf(items);
    }

    /** One page of a whole list that is already in memory. */
    public static <T> PageOf<T> slice(List<T> all, int page, int size) {
        return new PageOf<>(all.stream().skip((long) page * size).limit(size).toList(), page, size, all.size());
    }

    /** A list that is always answered whole (log lines, history): one page holding everything. */
    public static <T> PageOf<T> whole(List<T> all) {
        return new PageOf<>(all, 0, Math.max(all.size(), 1), all.size());
    }
}
