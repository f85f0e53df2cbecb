package dev.wharf.access;

import dev.wharf.web.DocumentationRoutes;
import dev.wharf.web.ProblemResponses;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Two filter chains, both deny by default. {@code /api/**} is stateless (bearer tokens, 401/403 as
 * ProblemDetail, no session, no CSRF since no cookie authenticates it). Everything else is the browser
 * console: form sign-in, session, CSRF.
 */
@Configuration
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** Open without sign-in (with the API's documentation, {@link DocumentationRoutes}); everything else needs it. */
    static final String[] PUBLIC_PAGES = {
        "/login", "/error", "/actuator/health", "/actuator/health/**",
        "/assets/**", "/favicon.ico"
    };

    /** Tells the application when a session ends (sign-out, expiry), so the streams it opened close with it. */
    @Bean
    HttpSessionEventPublisher sessionEvents() {
        return new HttpSessionEventPublisher();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder encoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        return new ProviderManager(provider);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokenStore tokens, AuthenticationManager passwords,
            ProblemResponses problems, SignInThrottle throttle, SignInAudit signIns) throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .addFilterBefore(new ApiAuthenticationFilter(tokens, passwords, problems, throttle, signIns), AuthorizationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .headers(SecurityConfiguration::headers)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wharf\"");
                            problems.write(response, HttpStatus.UNAUTHORIZED,
                                    "Sign in with 'Authorization: Bearer <token>'; create a token with POST "
                                            + ApiAuthenticationFilter.TOKEN_CREATION_PATH + " and HTTP Basic");
                        })
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(response, HttpStatus.FORBIDDEN, "You may not do this")))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, AccessGrants grants, SignInThrottle throttle, ProblemResponses problems,
            SignInAudit signIns, @Value("${wharf.session.absolute-timeout:12h}") Duration sessionLifetime) throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler toWhereTheyWereGoing = new SavedRequestAwareAuthenticationSuccessHandler();
        toWhereTheyWereGoing.setDefaultTargetUrl("/");
        SimpleUrlAuthenticationFailureHandler backToTheForm = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return http
                .addFilterAfter(new ActiveAccountFilter(grants), SecurityContextHolderFilter.class)
                .addFilterAfter(new SessionLifetimeFilter(sessionLifetime), ActiveAccountFilter.class)
                .headers(SecurityConfiguration::headers)
                .authorizeHttpRequests(requests -> requests
                        // the dispatch that completes a stream continues a request already authorised; after a
                        // sign-out its session is gone, and refusing it would leave the stream hanging open
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers(PUBLIC_PAGES).permitAll()
                        .requestMatchers(DocumentationRoutes.PATHS).permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new SignInThrottleFilter(throttle, problems, signIns), UsernamePasswordAuthenticationFilter.class)
                .formLogin(form -> form.loginPage("/login")
                        .successHandler((request, response, authentication) -> {
                            throttle.succeeded(request.getParameter("username"), request.getRemoteAddr());
                            signIns.succeeded(request.getParameter("username"), SignInAudit.FORM);
                            toWhereTheyWereGoing.onAuthenticationSuccess(request, response, authentication);
                        })
                        .failureHandler((request, response, exception) -> {
                            throttle.failed(request.getParameter("username"), request.getRemoteAddr());
                            signIns.failed(request.getParameter("username"), SignInAudit.FORM, exception);
                            backToTheForm.onAuthenticationFailure(request, response, exception);
                        }))
                .logout(logout -> logout.logoutSuccessUrl("/login?signedOut")
                        .addLogoutHandler((request, response, authentication) -> signIns.signedOut(authentication)))
                .build();
    }

    /**
     * No inline script or style anywhere (the pages load one script and one stylesheet of their own), no
     * framing, no MIME sniffing (Spring's default), and no full URLs leaking to other sites.
     */
    private static void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));
    }
}
