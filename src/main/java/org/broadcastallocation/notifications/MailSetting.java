package org.broadcastallocation.notifications;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Whether e-mail goes out: only when a mail host is configured (SPRING_MAIL_HOST; Spring Boot then makes the
 * sender). Without one, no e-mail is written to the outbox at all, and the service says so: once in the log, in
 * every contacts answer, and in the health details ("notifications").
 */
@Component("notifications")
class MailSetting implements HealthIndicator {

    static final String OFF = "off: no mail host is configured (set SPRING_MAIL_HOST, SPRING_MAIL_PORT, ...)";
    private static final Logger log = LoggerFactory.getLogger(MailSetting.class);

    private final JavaMailSender sender;
    private final String from;

    MailSetting(ObjectProvider<JavaMailSender> sender,
            @Value("${broadcast.notifications.mail-from:notifications@broadcast-allocation.invalid}") String from) {
        this.sender = sender.getIfAvailable();
        this.from = from;
        if (this.sender == null) {
            log.info("E-mail notifications {}", OFF);
        } else {
            log.info("E-mail notifications on, from {}", from);
        }
    }

    Optional<JavaMailSender> sender() {
        return Optional.ofNullable(sender);
    }

    boolean on() {
        return sender != null;
    }

    String from() {
        return from;
    }

    String state() {
        return on() ? "on" : OFF;
    }

    @Override
    public Health health() {
        return Health.up().withDetail("email", state()).build();
    }
}
