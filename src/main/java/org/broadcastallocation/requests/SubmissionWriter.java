package org.broadcastallocation.requests;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for submissions. At a deadline's rush every broadcaster submits at once, and a statement and a commit of
 * its own per submission cost the database more than all the rest of the call. Submissions, checked by their callers,
 * wait here; a writer takes all that are waiting (up to {@code broadcast.submissions.batch}) and writes them with one
 * statement and one commit, then answers each caller. Nothing is acknowledged before its commit. A caller waits without
 * a thread (its answer is a future, the HTTP call is answered asynchronously), so a batch can hold every submission in
 * flight, not just one per request thread: fewer, bigger commits, and no request thread idle while the disk flushes.
 *
 * <p>A batch the database refuses as a whole (an Idempotency-Key taken by a retry, say) is written again one submission
 * at a time, so that each gets the answer it would have had alone; a batch that fails because the database is away
 * fails each of its callers (503, retry with the same key). A batch with a late submission on a published event is
 * written in a transaction that also holds what {@link LateRequestsWritten} calls for (staff are told).
 */
@Component
public class SubmissionWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SubmissionWriter.class);
    /** Longer than any wait for a connection (3 s) and a statement: past it the caller is told to retry. */
    private static final long ANSWER_TIMEOUT_SECONDS = 60;

    private final Requests requests;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher facts;
    private final int writers;
    private final int batch;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    /** Submissions per statement: how well the writer groups them (1 under light load; more the busier). */
    private final DistributionSummary batchSizes;
    /** From a submission handed to the writer to its answer: its wait in the queue, then its batch's statement. */
    private final Timer written;

    /** What became of a submission. */
    public enum Outcome {
        ADDED,
        /** Its id is taken: nothing was written. */
        ID_TAKEN,
        /** The event or the organisation changed since it was checked: nothing was written; check it again. */
        CHECKED_AGAINST_OLD
    }

    /** A submission waiting to be written since {@code handedOver} (nanoTime), and its caller's answer. */
    private record Pending(Requests.Submission submission, CompletableFuture<Outcome> outcome, long handedOver) {
    }

    public SubmissionWriter(Requests requests, TransactionTemplate transaction, ApplicationEventPublisher facts,
            @Value("${broadcast.submissions.writers:1}") int writers,
            @Value("${broadcast.submissions.batch:200}") int batch, MeterRegistry meters) {
        this.requests = requests;
        this.transaction = transaction;
        this.facts = facts;
        this.batchSizes = DistributionSummary.builder("broadcast.submissions.batch")
                .description("Submissions written by one statement and one commit").baseUnit("submissions")
                .register(meters);
        Gauge.builder("broadcast.submissions.waiting", queue, BlockingQueue::size)
                .description("Submissions checked and waiting for the writer").baseUnit("submissions")
                .register(meters);
        this.written = Timer.builder("broadcast.submissions.written")
                .description("From a submission handed to the writer to its commit (or refusal)").register(meters);
        this.writers = Math.max(1, writers);
        this.batch = Math.max(1, batch);
    }

    /**
     * Writes the submission with whatever others are waiting; the answer comes once it is committed (or refused), on
     * the writer's thread: what follows it there must be quick and must not touch the database.
     *
     * @return fails with {@link org.springframework.dao.DuplicateKeyException} when the Idempotency-Key was taken by
     *         a retry first, with {@link DataAccessResourceFailureException} when no answer came in time
     */
    public CompletableFuture<Outcome> submit(Requests.Submission submission) {
        if (!running) {
            try {
                return CompletableFuture.completedFuture(alone(submission));
            } catch (RuntimeException failed) {
                return CompletableFuture.failedFuture(failed);
            }
        }
        var pending = new Pending(submission, new CompletableFuture<>(), System.nanoTime());
        pending.outcome().whenComplete((outcome, failure) ->
                written.record(System.nanoTime() - pending.handedOver(), TimeUnit.NANOSECONDS));
        queue.add(pending);
        return pending.outcome().orTimeout(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS).exceptionallyCompose(failure ->
                CompletableFuture.failedFuture(failure instanceof TimeoutException
                        ? new DataAccessResourceFailureException("the submission was not written in time; retry it"
                                + " with the same Idempotency-Key")
                        : failure));
    }

    private void writeWhileRunning() {
        var taken = new ArrayList<Pending>(batch);
        while (running || !queue.isEmpty()) {
            try {
                var first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                queue.drainTo(taken, batch - 1);
                batchSizes.record(taken.size());
                writeBatch(taken);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException unexpected) {
                log.error("Submission batch failed", unexpected);
                taken.forEach(pending -> pending.outcome().completeExceptionally(unexpected));
            } finally {
                taken.clear();
            }
        }
    }

    /**
     * Two submissions of one request id or one Idempotency-Key in the same statement would each see the other as
     * absent; the second of such a pair is written after the batch, alone, and sees the first.
     */
    private void writeBatch(List<Pending> taken) {
        var together = new ArrayList<Pending>(taken.size());
        var after = new ArrayList<Pending>();
        var ids = new HashSet<List<String>>();
        var keys = new HashSet<List<String>>();
        for (var pending : taken) {
            var submission = pending.submission();
            boolean repeated = !ids.add(submission.key()) || submission.idempotencyKey() != null
                    && !keys.add(List.of(submission.eventId(), submission.request().organisation(),
                            submission.idempotencyKey()));
            (repeated ? after : together).add(pending);
        }
        try {
            var written = write(together.stream().map(Pending::submission).toList());
            together.forEach(pending -> pending.outcome().complete(outcome(written, pending.submission())));
        } catch (DataIntegrityViolationException refusedAsAWhole) {
            after.addAll(0, together);
        } catch (RuntimeException failed) {
            together.forEach(pending -> pending.outcome().completeExceptionally(failed));
        }
        for (var pending : after) {
            try {
                pending.outcome().complete(alone(pending.submission()));
            } catch (RuntimeException failed) {
                pending.outcome().completeExceptionally(failed);
            }
        }
    }

    private Outcome alone(Requests.Submission submission) {
        return outcome(write(List.of(submission)), submission);
    }

    /**
     * Without a late request on a published event among them (the deadline rush; late intake before the first
     * publish): one statement, committed by itself, as ever. With one: the statement and one
     * {@link LateRequestsWritten} for the whole batch, in one transaction, so that what its listeners write (staff's
     * notification) commits with the requests.
     */
    private Requests.Written write(List<Requests.Submission> submissions) {
        if (submissions.stream().noneMatch(Requests.Submission::lateAfterPublish)) {
            return requests.insertSubmitted(submissions);
        }
        return transaction.execute(status -> {
            var written = requests.insertSubmitted(submissions);
            var late = submissions.stream().filter(submission -> submission.lateAfterPublish()
                    && written.added().contains(submission.key()))
                    .map(submission -> new LateRequestsWritten.LateRequest(submission.eventId(),
                            submission.eventZone(), submission.request()))
                    .toList();
            if (!late.isEmpty()) {
                facts.publishEvent(new LateRequestsWritten(late));
            }
            return written;
        });
    }

    private static Outcome outcome(Requests.Written written, Requests.Submission submission) {
        if (written.added().contains(submission.key())) {
            return Outcome.ADDED;
        }
        return written.checkedAgainstOld().contains(submission.key()) ? Outcome.CHECKED_AGAINST_OLD
                : Outcome.ID_TAKEN;
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < writers; i++) {
            var thread = new Thread(this::writeWhileRunning, "submission-writer-" + (i + 1));
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** Writes what is waiting before it stops: a caller waiting for its answer gets it. */
    @Override
    public void stop() {
        running = false;
        for (var thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Starts before the web server and stops after it (Spring Boot's web server runs at {@code DEFAULT_PHASE - 2048},
     * its graceful shutdown at {@code - 1024}): calls in flight are answered before the writers go, and the
     * connection pool closes only after.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 3072;
    }
}
