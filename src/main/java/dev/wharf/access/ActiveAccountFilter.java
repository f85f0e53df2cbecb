package dev.wharf.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser session outlives nothing of its account: once the account is disabled or deleted, the next
 * request ends the session (and with it the session's streams) and goes on as anonymous, so it is sent to
 * sign in. Tokens need no such filter: each request looks its token's owner up.
 */
final class ActiveAccountFilter extends OncePerRequestFilter {

    private final AccessGrants grants;

    ActiveAccountFilter(AccessGrants grants) {
        this.grants = grants;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean gone = AccessPolicy.user(SecurityContextHolder.getContext().getAuthentication())
                .map(user -> !grants.of(user.id()).enabled()).orElse(false);
        if (gone) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
        }
        chain.doFilter(request, response);
    }
}
