package dev.wharf.web;

/**
 * What a pager under a table shows (the {@code fragments/paging :: pager} fragment): where we are, how many
 * pages there are, and which rows of how many this page holds (1-based; 0 and 0 when it holds none).
 */
public record Paging(int page, int pages, long total, long first, long last) {

    public static Paging of(PageOf<?> page) {
        int pages = (int) Math.max(1, (page.total() + page.size() - 1) / page.size());
        long first = page.items().isEmpty() ? 0 : (long) page.page() * page.size() + 1;
        return new Paging(page.page(), pages, page.total(), first, first == 0 ? 0 : first + page.items().size() - 1);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return page + 1 < pages;
    }
}
