package dev.wharf.access;

import dev.wharf.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/** The sign-in form's side of {@link SignInThrottle}: a pair that must wait gets 429 before its password is checked. */
final class SignInThrottleFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;
    private final ProblemResponses problems;
    private final SignInAudit signIns;

    SignInThrottleFilter(SignInThrottle throttle, ProblemResponses problems, SignInAudit signIns) {
        this.throttle = throttle;
        this.problems = problems;
        this.signIns = signIns;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = throttle.waitFor(request.getParameter("username"), request.getRemoteAddr());
        if (wait.isPresent()) {
            signIns.throttled(request.getParameter("username"), SignInAudit.FORM);
            refuse(response, wait.get(), problems);
            return;
        }
        chain.doFilter(request, response);
    }

    static void refuse(HttpServletResponse response, Duration wait, ProblemResponses problems) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
        problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins from here for this account; try again in "
                + Math.max(1, (wait.toMillis() + 999) / 1000) + " s");
    }
}
