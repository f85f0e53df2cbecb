package dev.wharf.containers;

import dev.wharf.web.InvalidInputException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The fleet page's view as its address holds it ({@code /containers?q=&host=&group=&state=&image=&label=&sort=&dir=&page=}):
 * the filter form echoes it, and every sort and page link keeps it. Without {@code sort} the newest
 * containers come first, which is also where a new container belongs. What the page's template calls is public
 * (SpEL calls public methods only).
 */
record FleetFilters(String q, String host, String group, String state, String image, String label, String sort, String dir) {

    static final String DEFAULT_SORT = "created";
    private static final int LONGEST = 512;

    FleetFilters {
        q = blankToNull(q);
        host = blankToNull(host);
        group = blankToNull(group);
        state = blankToNull(state);
        image = blankToNull(image);
        label = blankToNull(label);
        sort = blankToNull(sort);
        dir = blankToNull(dir);
    }

    ContainerSearch.Query query() {
        for (Map.Entry<String, String> filter : filters().entrySet()) {
            if (filter.getValue().length() > LONGEST) {
                throw new InvalidInputException(filter.getKey(), "is longer than " + LONGEST + " characters");
            }
        }
        return ContainerSearch.Query.of(q, state, host, group, image, label, sortBy(), direction());
    }

    /** The column the rows are sorted by. */
    public String sortBy() {
        return sort == null ? DEFAULT_SORT : sort;
    }

    /** {@code asc} or {@code desc}: the newest first, everything else from A. */
    public String direction() {
        return dir != null ? dir : defaultDirection(sortBy());
    }

    public boolean filtered() {
        return !filters().isEmpty();
    }

    /**
     * How a new container reaches this view without a reload: at the top when the view is every container,
     * newest first, on its first page (where it belongs); otherwise as a notice offering to refresh, since
     * only the server knows whether it matches the filters or on which page it falls.
     */
    public String liveInsert(int page) {
        boolean newestFirst = sortBy().equals(DEFAULT_SORT) && direction().equals("desc");
        return !filtered() && newestFirst && page == 0 ? "prepend" : "notice";
    }

    /** This view on another page. */
    public String page(int page) {
        return link(sort, dir, page);
    }

    /** This view sorted by {@code column}: the other direction when it is sorted by it already. */
    public String sortedBy(String column) {
        String direction = column.equals(sortBy()) ? (direction().equals("asc") ? "desc" : "asc") : defaultDirection(column);
        return link(column, direction, 0);
    }

    /** {@code ascending}, {@code descending} or {@code none}, for the column header's aria-sort. */
    public String ariaSort(String column) {
        return !column.equals(sortBy()) ? "none" : direction().equals("asc") ? "ascending" : "descending";
    }

    private Map<String, String> filters() {
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "q", q);
        put(filters, "host", host);
        put(filters, "group", group);
        put(filters, "state", state);
        put(filters, "image", image);
        put(filters, "label", label);
        return filters;
    }

    private String link(String sort, String dir, int page) {
        Map<String, String> params = filters();
        put(params, "sort", sort);
        put(params, "dir", dir);
        if (page > 0) {
            params.put("page", Integer.toString(page));
        }
        StringJoiner query = new StringJoiner("&", "/containers?", "").setEmptyValue("/containers");
        params.forEach((name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }

    private static String defaultDirection(String column) {
        return column.equals(DEFAULT_SORT) ? "desc" : "asc";
    }

    private static void put(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
