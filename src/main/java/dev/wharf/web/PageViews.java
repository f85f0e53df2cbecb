package dev.wharf.web;

/**
 * Pages answer an htmx request ({@code HX-Request: true}) with their {@code #content} part only, without the
 * layout around it: what htmx swaps in (live.js reloads a page's content that way after a {@code resync}).
 */
public final class PageViews {

    /** The request header htmx sets on its requests. */
    public static final String HTMX_REQUEST = "HX-Request";

    private PageViews() {}

    /**
     * The view for a page template: the whole page, or for htmx its {@code <main>} in {@code #content}.
     *
     * @param htmxRequest the request's {@value #HTMX_REQUEST} header, null when absent
     */
    public static String page(String template, String htmxRequest) {
        // the template's name as a literal: a fragment expression cannot be evaluated outside a template
        return isHtmx(htmxRequest) ? "layout/content :: content(page='" + template + "')" : template;
    }

    public static boolean isHtmx(String htmxRequest) {
        return "true".equals(htmxRequest);
    }
}
