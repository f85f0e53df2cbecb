package dev.wharf.access;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Whether the page layout offers the Audit page: only to a caller who may read some of the trail. */
@ControllerAdvice(annotations = Controller.class)
class AuditNavigation {

    private final AuditVisibility visibility;

    AuditNavigation(AuditVisibility visibility) {
        this.visibility = visibility;
    }

    @ModelAttribute("canReadAudit")
    boolean canReadAudit(Authentication caller, HttpServletRequest request) {
        // API answers render no layout: spare them the question
        return caller != null && !request.getRequestURI().startsWith(request.getContextPath() + "/api/") && visibility.any(caller);
    }
}
