package dev.wharf.web;

import java.util.List;

/** The API's list envelope: {@code { "items", "page", "size", "total" }}. */
public record PageOf<T>(List<T> items, int page, int size, long total) {

    public PageOf {
        items = List.copyOf(items);
    }
}
