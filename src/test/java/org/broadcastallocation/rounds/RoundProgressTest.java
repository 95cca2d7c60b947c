package org.broadcastallocation.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The progress streams against readers of every speed. A reader that never reads is played by a stream whose writes
 * block until the test lets them go, as a socket with a full buffer does.
 */
class RoundProgressTest {

    private static final RoundProgress.Update SOLVING = new RoundProgress.Update("e", 1, "SOLVING", 0, 0, 0, -10);
    private static final RoundProgress.Update SOLVED = new RoundProgress.Update("e", 1, "SOLVED", 900, 0, 0, -1);

    private final ArrayDeque<Stream> next = new ArrayDeque<>();
    private RoundProgress progress;

    @AfterEach
    void stop() {
        next.forEach(Stream::release);
        if (progress != null) {
            progress.stop();
        }
    }

    @Test
    void aReaderThatNeverReadsHoldsUpNeitherTheSolverNorTheOtherReaders() throws Exception {
        progress = new RoundProgress(5, 10, Duration.ofMillis(200), 10, next::poll);
        var stalled = new Stream(true);
        var healthy = new Stream(false);
        next.add(stalled);
        next.add(healthy);
        progress.watch("e", 1, SOLVING, false);
        progress.watch("e", 1, SOLVING, false);
        assertThat(stalled.writing.await(10, TimeUnit.SECONDS)).as("the stalled reader's first write is stuck")
                .isTrue();
        Thread.sleep(300); // longer than the stall allowed

        // The solver's listener: a thousand new bests and the end, while one reader's write hangs.
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 1_000; i++) {
                progress.best(new RoundProgress.Update("e", 1, "SOLVING", i, 0, 0, -10 + i % 10));
            }
            progress.end(SOLVED);
        });

        assertThat(healthy.completed.await(10, TimeUnit.SECONDS)).as("the healthy reader got to the end").isTrue();
        assertThat(healthy.events).first().isEqualTo("best");
        assertThat(healthy.events).last().isEqualTo("end");
        assertThat(progress.watching()).as("the stalled reader was dropped, the other ended").isZero();
        assertThat(stalled.completed.getCount()).as("nobody waited for the stuck write to complete it").isOne();

        stalled.release();
        assertThat(stalled.completed.await(10, TimeUnit.SECONDS)).as("completed once its write returned").isTrue();
        assertThat(stalled.events).as("nothing more written to a dropped reader").hasSize(1);
    }

    @Test
    void theWatcherBeyondARoundsCapOrTheServicesIsRefusedWithRetryAfter() {
        progress = new RoundProgress(2, 3, Duration.ofSeconds(10), 7, () -> new Stream(false));
        progress.watch("e", 1, SOLVING, false);
        progress.watch("e", 1, SOLVING, false);

        assertThatThrownBy(() -> progress.watch("e", 1, SOLVING, false))
                .isInstanceOfSatisfying(RoundProgress.WatchersFull.class, full -> {
                    assertThat(full.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(full.getHeaders().getFirst("Retry-After")).isEqualTo("7");
                    assertThat(full.getBody().getDetail()).contains("Round 1 of e", "2 progress watchers");
                });

        progress.watch("e", 2, SOLVING, false);
        assertThatThrownBy(() -> progress.watch("e", 3, SOLVING, false))
                .isInstanceOfSatisfying(RoundProgress.WatchersFull.class, full ->
                        assertThat(full.getBody().getDetail()).contains("The service already has 3"));
        assertThat(progress.watching()).isEqualTo(3);

        progress.end(SOLVED);
        assertThat(progress.watching()).isOne();
        progress.watch("e", 3, SOLVING, false);
        assertThat(progress.watching()).isEqualTo(2);
    }

    @Test
    void anEndedRoundIsToldAtOnceAndTakesNoPlace() {
        progress = new RoundProgress(1, 1, Duration.ofSeconds(10), 10, () -> new Stream(false));

        progress.watch("e", 1, SOLVED, true);
        progress.watch("e", 1, SOLVED, true);

        assertThat(progress.watching()).isZero();
    }

    /** A stream that records what is written to it; a stalled one blocks on its first write until released. */
    private static final class Stream extends SseEmitter {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch completed = new CountDownLatch(1);
        private final CountDownLatch released;

        Stream(boolean stalled) {
            this.released = new CountDownLatch(stalled ? 1 : 0);
        }

        @Override
        public void send(SseEventBuilder event) throws IOException {
            String text = event.build().iterator().next().getData().toString();
            events.add(text.substring("event:".length(), text.indexOf('\n')));
            writing.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public void complete() {
            completed.countDown();
            super.complete();
        }

        void release() {
            released.countDown();
        }
    }
}
