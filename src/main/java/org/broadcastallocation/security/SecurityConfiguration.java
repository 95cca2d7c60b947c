package org.broadcastallocation.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may do what. Broadcasters (API key) work on their own organisation's requests; planners (HTTP Basic) manage
 * events and run rounds; operators read everything. Stateless: no session, no CSRF token; a browser's cached
 * Basic credentials are refused on a changing call from another site ({@link CrossSiteRequestFilter}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    public static final String PLANNER = "PLANNER";
    public static final String OPERATOR = "OPERATOR";
    public static final String BROADCASTER = "BROADCASTER";
    static final String FROM_SCRIPT = "XMLHttpRequest";

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiKeys keys, RateLimiter limiter, FailedSignIns failedSignIns,
            ObjectMapper json) throws Exception {
        AuthenticationEntryPoint unauthorised = (request, response, failure) -> {
            // The console's fetch calls say so; a Basic challenge would make the browser pop its own sign-in dialog
            // over the console's form.
            if (!FROM_SCRIPT.equals(request.getHeader("X-Requested-With"))) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"broadcast-allocation\", Bearer");
            }
            write(json, response, HttpStatus.UNAUTHORIZED, "Sign in as a planner or operator, or send your"
                    + " organisation's API key as 'Authorization: Bearer <key>'.");
        };
        AccessDeniedHandler forbidden = (request, response, denied) ->
                write(json, response, HttpStatus.FORBIDDEN, "Your role may not do this.");
        var signInLimit = new SignInLimitFilter(failedSignIns, json);
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // No session, so nothing to log out of and no request to save for after a sign-in: two filters
                // less on every call.
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(signInLimit.countingFailures(unauthorised)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorised)
                        .accessDeniedHandler(forbidden))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, unauthorised, response -> {
                    response.setHeader("Retry-After", "5");
                    write(json, response, HttpStatus.SERVICE_UNAVAILABLE, "The database cannot be reached, so the"
                            + " API key cannot be checked; nothing was changed. Retry shortly.");
                }), BasicAuthenticationFilter.class)
                // CSRF tokens would not fit a stateless API; a browser's cached Basic credentials are refused on a
                // call from another site instead (before the sign-in limit: a refused call is no sign-in attempt).
                .addFilterBefore(new CrossSiteRequestFilter(json), BasicAuthenticationFilter.class)
                .addFilterBefore(signInLimit, BasicAuthenticationFilter.class)
                .addFilterAfter(new RateLimitFilter(limiter, json), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // The answer to a call authorised already (a submission answered after its group commit).
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/", "/index.html", "/broadcaster.html", "/console/**", "/favicon.ico", "/error")
                        .permitAll()
                        .requestMatchers(GET, "/api/me").authenticated()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole(OPERATOR, PLANNER)
                        // Broadcasters: their own requests and confirmed allocations.
                        .requestMatchers(POST, "/api/events/*/requests/*/reject").hasRole(PLANNER)
                        .requestMatchers(POST, "/api/events/*/requests").hasRole(BROADCASTER)
                        .requestMatchers(PUT, "/api/events/*/requests/*").hasRole(BROADCASTER)
                        .requestMatchers(DELETE, "/api/events/*/requests/*").hasRole(BROADCASTER)
                        .requestMatchers(GET, "/api/events/*/requests", "/api/events/*/requests/*")
                        .hasAnyRole(BROADCASTER, PLANNER, OPERATOR)
                        .requestMatchers(GET, "/api/events/*/allocations", "/api/events/*/allocations.ics")
                        .hasRole(BROADCASTER)
                        // Notifications: an organisation's own (key), a planner's for any, operators read. A
                        // calendar feed's secret address is its credential: calendar apps send no headers.
                        .requestMatchers(GET, "/calendars/*").permitAll()
                        .requestMatchers(POST, "/api/events/*/deliveries/*/redeliver").hasRole(PLANNER)
                        .requestMatchers(GET, "/api/events/*/webhooks", "/api/events/*/deliveries",
                                "/api/events/*/contacts", "/api/events/*/calendar-feeds")
                        .hasAnyRole(BROADCASTER, PLANNER, OPERATOR)
                        .requestMatchers("/api/events/*/webhooks", "/api/events/*/webhooks/**",
                                "/api/events/*/contacts", "/api/events/*/calendar-feeds",
                                "/api/events/*/calendar-feeds/**").hasAnyRole(BROADCASTER, PLANNER)
                        // Broadcasters answer the offers of fills; staff read them.
                        .requestMatchers(POST, "/api/events/*/offers/*/accept", "/api/events/*/offers/*/decline")
                        .hasRole(BROADCASTER)
                        .requestMatchers(GET, "/api/events/*/offers").hasAnyRole(BROADCASTER, PLANNER, OPERATOR)
                        // Planners change things; operators and planners read.
                        .requestMatchers(GET, "/api/events/*/problem").hasRole(PLANNER)
                        .requestMatchers(GET, "/api/**").hasAnyRole(PLANNER, OPERATOR)
                        .requestMatchers("/api/**").hasRole(PLANNER)
                        .anyRequest().denyAll())
                .build();
    }

    /** Per API key and per staff account; see {@link RateLimiter}. */
    @Bean
    RateLimiter rateLimiter(@Value("${broadcast.rate-limit.enabled:true}") boolean enabled,
            @Value("${broadcast.rate-limit.key.per-second:1000}") double keyRate,
            @Value("${broadcast.rate-limit.key.burst:2000}") double keyBurst,
            @Value("${broadcast.rate-limit.user.per-second:1000}") double userRate,
            @Value("${broadcast.rate-limit.user.burst:2000}") double userBurst) {
        return new RateLimiter(enabled, new RateLimiter.Rate(keyRate, keyBurst),
                new RateLimiter.Rate(userRate, userBurst), System::nanoTime);
    }

    /** Failed HTTP Basic sign-ins, per account and per client address; see {@link FailedSignIns}. */
    @Bean
    FailedSignIns failedSignIns(@Value("${broadcast.rate-limit.failed-sign-ins.per-account:5}") int perAccount,
            @Value("${broadcast.rate-limit.failed-sign-ins.per-address:20}") int perAddress,
            @Value("${broadcast.rate-limit.failed-sign-ins.window-seconds:60}") long windowSeconds) {
        return new FailedSignIns(perAccount, perAddress, windowSeconds, System::nanoTime);
    }

    /**
     * The call is timed as a whole (http.server.requests); an observation around each of the security filters of
     * every call cost more than it told.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    UserDetailsService staff(PasswordEncoder encoder,
            @Value("${broadcast.users.planner.name}") String plannerName,
            @Value("${broadcast.users.planner.password}") String plannerPassword,
            @Value("${broadcast.users.operator.name}") String operatorName,
            @Value("${broadcast.users.operator.password}") String operatorPassword) {
        return new InMemoryUserDetailsManager(
                User.withUsername(plannerName).password(encoder.encode(plannerPassword)).roles(PLANNER).build(),
                User.withUsername(operatorName).password(encoder.encode(operatorPassword)).roles(OPERATOR).build());
    }

    @Bean
    PasswordEncoder passwordEncoder(@Value("${broadcast.users.bcrypt-strength:10}") int strength,
            ObjectProvider<MeterRegistry> meters) {
        // Every staff call checks the password (stateless, no session): the cost is a setting (tests lower it;
        // production keeps BCrypt's default of 10), and a password once accepted is remembered.
        Runnable counted = () -> { };
        var registry = meters.getIfAvailable();
        if (registry != null) { // none in a web slice test
            counted = Counter.builder("broadcast.sign-in.bcrypt")
                    .description("Passwords checked with BCrypt (a password once accepted is not checked again)")
                    .register(registry)::increment;
        }
        return new RememberingPasswordEncoder(
                new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(strength))),
                counted);
    }

    private static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
