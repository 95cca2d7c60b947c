package org.broadcastallocation;

import org.broadcastallocation.cli.CommandLine;

/**
 * One executable jar: with a command word it runs that command ({@code solve}, {@code validate}, {@code generate},
 * {@code verify}); the REST service is the booking-service issue's.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(System.out, System.err).run(args));
    }
}
