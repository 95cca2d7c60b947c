package org.broadcastallocation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

import org.broadcastallocation.cli.CommandLine;

/**
 * One executable jar: with a command word ({@code solve}, {@code validate}, {@code generate}, {@code verify},
 * {@code benchmark}) it runs that command and exits; without one it starts the booking service.
 */
@SpringBootApplication
@EnableScheduling
public class Application {

    public static void main(String[] args) {
        if (args.length > 0 && CommandLine.COMMANDS.contains(args[0])) {
            System.exit(new CommandLine(System.out, System.err).run(args));
        }
        SpringApplication.run(Application.class, args);
    }
}
