package org.broadcastallocation.notifications;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.MimeMessageHelper;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox after commit, at least once. Each message is claimed, sent and its attempt recorded in one
 * transaction: while it is sent no other instance can claim it (SKIP LOCKED passes it by), and if this instance
 * dies before the commit the claim ends with its connection and the message is sent again by whoever polls next.
 * A failure is tried again after 1, 2, 4... times {@code first-retry-seconds} (at most {@code longest-retry-seconds}
 * apart) until {@code give-up-after-hours} since the message was written.
 *
 * <p>Its own threads ({@code broadcast.notifications.senders}), not Spring's one scheduler thread: a receiver that
 * takes its full timeout must hold up neither the rounds' heartbeats and relays nor the other receivers.
 */
@Component
class OutboxDeliverer {

    private static final Logger log = LoggerFactory.getLogger(OutboxDeliverer.class);
    /** The most messages one poll sends, so that a backlog does not keep a scheduler thread forever. */
    private static final int PER_POLL = 100;

    private final Outbox outbox;
    private final WebhookEndpoints endpoints;
    private final WebhookTargets targets;
    private final MailSetting mail;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final ScheduledExecutorService senders;
    private final Duration firstRetry;
    private final Duration longestRetry;
    private final Duration giveUpAfter;
    private final String instance = "deliverer-" + UUID.randomUUID().toString().substring(0, 8);
    /** No redirects: a receiver's 3xx could point the service at an address it must not call. */
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(3)).build();

    OutboxDeliverer(Outbox outbox, WebhookEndpoints endpoints, WebhookTargets targets, MailSetting mail,
            TransactionTemplate transaction, ObjectMapper json,
            @Value("${broadcast.notifications.deliver:true}") boolean deliver,
            @Value("${broadcast.notifications.senders:2}") int senders,
            @Value("${broadcast.notifications.poll-millis:1000}") long pollMillis,
            @Value("${broadcast.notifications.first-retry-seconds:10}") double firstRetrySeconds,
            @Value("${broadcast.notifications.longest-retry-seconds:7200}") double longestRetrySeconds,
            @Value("${broadcast.notifications.give-up-after-hours:24}") double giveUpAfterHours,
            @Value("${broadcast.notifications.keep-days:30}") int keepDays) {
        this.outbox = outbox;
        this.endpoints = endpoints;
        this.targets = targets;
        this.mail = mail;
        this.transaction = transaction;
        this.json = json;
        this.firstRetry = Duration.ofMillis((long) (firstRetrySeconds * 1000));
        this.longestRetry = Duration.ofMillis((long) (longestRetrySeconds * 1000));
        this.giveUpAfter = Duration.ofMillis((long) (giveUpAfterHours * 3_600_000));
        this.senders = Executors.newScheduledThreadPool(Math.max(1, senders), runnable -> {
            var thread = new Thread(runnable, "notification-sender");
            thread.setDaemon(true);
            return thread;
        });
        if (deliver) {
            // The outbox keeps what was sent for the organisation to read, for a while; then it forgets it.
            this.senders.scheduleWithFixedDelay(() -> forgetOld(keepDays), 1, 60, TimeUnit.MINUTES);
            for (int i = 0; i < Math.max(1, senders); i++) {
                this.senders.scheduleWithFixedDelay(this::deliverDue, 500 + i * pollMillis / senders, pollMillis,
                        TimeUnit.MILLISECONDS);
            }
        } else {
            log.info("Notifications are written but not delivered by this instance (broadcast.notifications.deliver"
                    + " is false)");
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        senders.shutdownNow();
        senders.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void forgetOld(int keepDays) {
        try {
            int forgotten = outbox.forgetDoneBefore(OffsetDateTime.now(ZoneOffset.UTC).minusDays(keepDays));
            if (forgotten > 0) {
                log.info("Forgot {} notification(s) done with more than {} days ago", forgotten, keepDays);
            }
        } catch (RuntimeException e) {
            log.warn("Forgetting old notifications failed this time: {}", e.toString());
        }
    }

    void deliverDue() {
        try {
            for (int sent = 0; sent < PER_POLL; sent++) {
                Boolean any = transaction.execute(status -> outbox.claimNext().map(this::attempt).isPresent());
                if (!Boolean.TRUE.equals(any)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // The database away, most likely; the next poll tries again, and nothing claimed was lost.
            log.warn("Delivering notifications stopped for this poll: {}", e.toString());
        }
    }

    /** What one attempt ended in, as recorded. */
    private record Result(boolean succeeded, Integer httpStatus, String outcome, boolean lastTry) {
    }

    private Outbox.Due attempt(Outbox.Due due) {
        var result = due.channel() == Outbox.Channel.WEBHOOK ? webhook(due) : email(due);
        OffsetDateTime next = null;
        if (!result.succeeded() && !result.lastTry()) {
            var wait = firstRetry.multipliedBy(1L << Math.min(due.attempts(), 30));
            var candidate = OffsetDateTime.now(ZoneOffset.UTC).plus(wait.compareTo(longestRetry) > 0
                    ? longestRetry : wait);
            next = candidate.isAfter(due.retryingSince().plus(giveUpAfter)) ? null : candidate;
        }
        outbox.recordAttempt(due.id(), instance, result.succeeded(), result.httpStatus(),
                result.outcome() + (!result.succeeded() && next == null ? "; given up" : ""), next);
        return due;
    }

    private Result webhook(Outbox.Due due) {
        var target = due.endpointId() == null ? null : endpoints.target(due.endpointId()).orElse(null);
        if (target == null) {
            return new Result(false, null, "the endpoint was deleted", true);
        }
        var uri = URI.create(target.url());
        var refused = targets.whyNotAllowed(uri);
        if (refused.isPresent()) {
            return new Result(false, null, "not sent: " + refused.get(), false);
        }
        long timestamp = System.currentTimeMillis() / 1000;
        var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("User-Agent", "broadcast-allocation-webhooks")
                .header("webhook-id", due.messageId())
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", WebhookSignature.sign(target.secret(), due.messageId(), timestamp,
                        due.body()))
                .POST(HttpRequest.BodyPublishers.ofString(due.body())).build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.discarding());
            boolean ok = response.statusCode() / 100 == 2;
            return new Result(ok, response.statusCode(), ok ? "delivered" : "answered " + response.statusCode(),
                    false);
        } catch (IOException e) {
            return new Result(false, null, "not reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, null, "interrupted (the service stopping)", false);
        }
    }

    private Result email(Outbox.Due due) {
        var sender = mail.sender().orElse(null);
        if (sender == null) {
            return new Result(false, null, "not sent: e-mail is " + MailSetting.OFF, false);
        }
        try {
            var body = json.readValue(due.body(), NotificationWriter.MailBody.class);
            var message = sender.createMimeMessage();
            var helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(mail.from());
            helper.setTo(body.to());
            helper.setSubject(body.subject());
            helper.setText(body.text(), body.html());
            sender.send(message);
            return new Result(true, null, "sent", false);
        } catch (MailException | MessagingException | IOException e) {
            return new Result(false, null, "not sent: " + e.getMessage(), false);
        }
    }
}
