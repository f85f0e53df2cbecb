package dev.wharf.hosts;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * A part of the host page that another module renders, so the host page can show the host's containers
 * without the hosts module knowing containers (which depend on hosts). The page includes each section's
 * template fragment with the section's model as {@code section}.
 */
public interface HostPageSection {

    /** Empty when the viewer may see none of it. */
    Optional<Section> on(RegisteredHost host, Authentication caller, HttpServletRequest request);

    /**
     * @param fragment a fragment expression such as {@code containers/list :: host-section}
     * @param model what the fragment reads as {@code section}
     */
    record Section(String fragment, Object model) {}
}
