package org.broadcastallocation.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo staff passwords are in the README: fine for the embedded default (the README's first command), not for a
 * service on a real database. With {@code spring.datasource.url} set, the service refuses to start while the planner
 * or the operator account has a demo (or empty) password. It runs before any bean is made, so before the database is
 * touched; {@link Analyzer} turns the refusal into Spring Boot's "APPLICATION FAILED TO START" with the settings to
 * change. Registered in META-INF/spring.factories.
 */
public final class DemoPasswordsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** As application.yml ships them. */
    static final Set<String> DEMO_PASSWORDS = Set.of("planner-demo", "operator-demo");
    private static final List<String> ACCOUNTS = List.of("planner", "operator");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var environment = context.getEnvironment();
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || url.isBlank() || url.equalsIgnoreCase("embedded")) {
            return;
        }
        var unchanged = new ArrayList<String>();
        for (String account : ACCOUNTS) {
            String password = environment.getProperty("broadcast.users." + account + ".password");
            if (password == null || password.isBlank() || DEMO_PASSWORDS.contains(password)) {
                unchanged.add(account);
            }
        }
        if (!unchanged.isEmpty()) {
            throw new DemoPasswordsUnchanged(unchanged);
        }
    }

    /** Staff accounts that still have a demo password while the service uses an external database. */
    public static final class DemoPasswordsUnchanged extends IllegalStateException {
        private final List<String> accounts;

        DemoPasswordsUnchanged(List<String> accounts) {
            super(String.join(" and ", accounts) + " still have the demo password, and the database is external");
            this.accounts = List.copyOf(accounts);
        }

        List<String> accounts() {
            return accounts;
        }
    }

    public static final class Analyzer extends AbstractFailureAnalyzer<DemoPasswordsUnchanged> {
        @Override
        protected FailureAnalysis analyze(Throwable root, DemoPasswordsUnchanged cause) {
            String accounts = String.join(" and ", cause.accounts());
            String settings = cause.accounts().stream()
                    .map(account -> "BROADCAST_USERS_" + account.toUpperCase() + "_PASSWORD (broadcast.users."
                            + account + ".password)")
                    .collect(Collectors.joining(" and "));
            return new FailureAnalysis("The service uses an external database (spring.datasource.url is set), but"
                    + " the " + accounts + " account" + (cause.accounts().size() > 1 ? "s" : "") + " still"
                    + " sign" + (cause.accounts().size() > 1 ? "" : "s") + " in with the demo password from the"
                    + " README (or none), which anyone may read.",
                    "Set " + settings + " to a real password. Only the embedded database (no"
                            + " SPRING_DATASOURCE_URL) starts with the demo passwords.", cause);
        }
    }
}
