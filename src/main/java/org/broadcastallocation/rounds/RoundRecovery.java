package org.broadcastallocation.rounds;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rounds whose instance died: their heartbeat stopped, so they are released, by whichever instance looks first. A
 * solving round becomes INTERRUPTED (its last saved best stands and it may be solved again); a queued one, whose
 * solver never started, goes back to what it was before its claim. Any instance's watchers hear of the end.
 */
@Component
public class RoundRecovery {

    private static final Logger log = LoggerFactory.getLogger(RoundRecovery.class);

    private final Rounds rounds;
    private final RoundProgress progress;
    private final int heartbeatTimeout;

    RoundRecovery(Rounds rounds, RoundProgress progress,
            @Value("${broadcast.rounds.heartbeat-timeout-seconds:30}") int heartbeatTimeout) {
        this.rounds = rounds;
        this.progress = progress;
        this.heartbeatTimeout = heartbeatTimeout;
    }

    /** At start-up of any instance and every few seconds after. */
    @Scheduled(initialDelay = 0, fixedDelayString = "${broadcast.rounds.recovery-interval-millis:10000}")
    public void interruptAbandonedRounds() {
        try {
            for (var round : rounds.releaseStale(heartbeatTimeout)) {
                if (round.status() == RoundStatus.INTERRUPTED) {
                    log.warn("Round {} of {} was solving on {} which stopped answering: INTERRUPTED, best saved kept",
                            round.number(), round.eventId(), round.claimedBy());
                } else {
                    log.warn("Round {} of {} was queued on an instance which stopped answering: {} again",
                            round.number(), round.eventId(), round.status());
                }
                progress.end(new RoundProgress.Update(round.eventId(), round.number(), "INTERRUPTED", 0,
                        round.hard(), round.medium(), round.soft()));
            }
        } catch (RuntimeException e) {
            log.warn("Could not check for abandoned rounds: {}", e.getMessage());
        }
    }
}
