package dev.wharf.access;

import dev.wharf.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /api/**}: a bearer token everywhere, HTTP Basic only to create a token. A token
 * in the query string is refused outright, because query strings end up in proxy and access logs.
 * Requests without credentials pass through unauthenticated and are answered 401 by the chain.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

    static final String TOKEN_CREATION_PATH = "/api/v1/auth/tokens";
    private static final List<String> TOKEN_PARAMETERS = List.of("access_token", "token", "api_key", "apikey");

    private final ApiTokenStore tokens;
    private final AuthenticationManager passwords;
    private final SignInThrottle throttle;
    private final ProblemResponses problems;
    private final SignInAudit signIns;
    private final RequestMatcher tokenCreation =
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, TOKEN_CREATION_PATH);
    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository dispatches = new RequestAttributeSecurityContextRepository();

    ApiAuthenticationFilter(ApiTokenStore tokens, AuthenticationManager passwords, ProblemResponses problems, SignInThrottle throttle,
            SignInAudit signIns) {
        this.throttle = throttle;
        this.signIns = signIns;
        this.tokens = tokens;
        this.passwords = passwords;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (carriesTokenInQuery(request)) {
            refuse(response, "API tokens are refused in query strings; send them as 'Authorization: Bearer <token>'");
            return;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (startsWithScheme(header, "Bearer")) {
            Optional<SignedInUser> user = tokens.authenticate(header.substring("Bearer".length()).trim());
            if (user.isEmpty()) {
                refuse(response, "The bearer token is invalid, expired or revoked");
                return;
            }
            signIn(UsernamePasswordAuthenticationToken.authenticated(user.get(), null, List.of()), request, response);
        } else if (startsWithScheme(header, "Basic")) {
            if (!tokenCreation.matches(request)) {
                refuse(response, "HTTP Basic is accepted only by POST " + TOKEN_CREATION_PATH + "; use a bearer token");
                return;
            }
            var attempt = basic.convert(request);
            String username = attempt == null ? null : attempt.getName();
            Optional<java.time.Duration> wait = throttle.waitFor(username, request.getRemoteAddr());
            if (wait.isPresent()) {
                signIns.throttled(username, SignInAudit.BASIC);
                SignInThrottleFilter.refuse(response, wait.get(), problems);
                return;
            }
            try {
                signIn(passwords.authenticate(attempt), request, response);
                throttle.succeeded(username, request.getRemoteAddr());
                signIns.succeeded(username, SignInAudit.BASIC);
            } catch (AuthenticationException e) {
                throttle.failed(username, request.getRemoteAddr());
                signIns.failed(username, SignInAudit.BASIC, e);
                refuse(response, "Wrong username or password, or the account is disabled");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void signIn(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authentication);
        contexts.setContext(context);
        // later dispatches of this request (a stream's ASYNC completion, an ERROR) run the chain again
        // without this filter: they find the caller on the request, or would be refused mid-response
        dispatches.saveContext(context, request, response);
    }

    private void refuse(HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wharf\"");
        problems.write(response, HttpStatus.UNAUTHORIZED, detail);
    }

    /** Looks at the raw query string only: parsing parameters could consume a form body. */
    static boolean carriesTokenInQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return false;
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(query, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            decoded = query; // a broken escape: look at it as sent; the controller refuses it if it matters
        }
        if (decoded.contains(ApiTokenStore.PREFIX)) {
            return true;
        }
        return Arrays.stream(decoded.split("&"))
                .map(pair -> pair.split("=", 2)[0].trim().toLowerCase(Locale.ROOT))
                .anyMatch(TOKEN_PARAMETERS::contains);
    }

    private static boolean startsWithScheme(String header, String scheme) {
        return header != null && header.length() > scheme.length()
                && header.regionMatches(true, 0, scheme, 0, scheme.length())
                && header.charAt(scheme.length()) == ' ';
    }
}
