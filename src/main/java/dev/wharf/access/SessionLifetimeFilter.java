package dev.wharf.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser session lasts at most {@code wharf.session.absolute-timeout} from its start, however busy (the
 * idle timeout is the servlet container's): a stolen session cookie is worth only so much. The start is
 * when the session began, which may be the sign-in page's visit a little before signing in (the sign-in
 * changes the session's id, not its age). The next request after that signs in again.
 */
final class SessionLifetimeFilter extends OncePerRequestFilter {

    private final Duration lifetime;

    SessionLifetimeFilter(Duration lifetime) {
        this.lifetime = lifetime;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        // the session id changes at sign-in, but the session itself is older; its creation is close enough
        if (session != null && System.currentTimeMillis() - session.getCreationTime() > lifetime.toMillis()) {
            session.invalidate();
            SecurityContextHolder.clearContext();
        }
        chain.doFilter(request, response);
    }
}
