package dev.wharf.access;

import dev.wharf.audit.AuditFilter;
import dev.wharf.audit.AuditReach;
import dev.wharf.audit.AuditSearch;
import dev.wharf.web.PageOf;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/audit}: the audit trail, newest first, filtered by {@code user}, {@code host}, {@code action}
 * ({@code container.*} for a prefix), {@code outcome}, {@code from} (inclusive) and {@code to} (exclusive), as
 * pages or as one CSV or JSON export. Each caller sees what {@link AuditVisibility} allows; reading the trail is
 * not itself recorded.
 */
@RestController
class AuditController {

    private final AuditVisibility visibility;
    private final AuditSearch search;
    private final AuditExports exports;

    AuditController(AuditVisibility visibility, AuditSearch search, AuditExports exports) {
        this.visibility = visibility;
        this.search = search;
        this.exports = exports;
    }

    @Requires(value = Permission.AUDIT_READ, on = Requires.On.HANDLER)
    @GetMapping("/api/v1/audit")
    PageOf<AuditView> list(AuditParameters parameters, Authentication caller) {
        AuditFilter filter = parameters.filter(); // a bad parameter is a 400 before anything else
        int page = parameters.pageNumber();
        int size = parameters.pageSize();
        AuditSearch.Page found = search.page(filter, visibility.require(caller), page, size);
        return new PageOf<>(found.items().stream().map(AuditView::of).toList(), page, size, found.total());
    }

    @Requires(value = Permission.AUDIT_READ, on = Requires.On.HANDLER)
    @ApiResponse(responseCode = "200", description = "An attachment of every entry the caller may see that matches, up to "
            + AuditExports.CAP + " (then " + AuditExports.TRUNCATED + ": true): CSV for format=csv, a JSON array for format=json",
            content = {@Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = AuditView.class)))},
            headers = @Header(name = AuditExports.TRUNCATED, description = "true when the export stopped at its cap",
                    schema = @Schema(type = "boolean")))
    @GetMapping("/api/v1/audit/export")
    void export(@RequestParam(required = false) String format, AuditParameters parameters, Authentication caller,
            HttpServletResponse response) throws IOException {
        AuditExports.Format chosen = AuditExports.Format.of(format);
        AuditFilter filter = parameters.filter();
        AuditReach reach = visibility.require(caller);
        exports.write(chosen, filter, reach, response);
    }
}
