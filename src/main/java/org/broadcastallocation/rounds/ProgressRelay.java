package org.broadcastallocation.rounds;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A watcher on this instance of a round another instance solves hears it through the database: its saved best
 * (written with each heartbeat) and its end. Rounds solved here tell their watchers directly.
 */
@Component
class ProgressRelay {

    private static final Logger log = LoggerFactory.getLogger(ProgressRelay.class);

    private final Rounds rounds;
    private final RoundProgress progress;
    private final RoundSolving solving;

    ProgressRelay(Rounds rounds, RoundProgress progress, RoundSolving solving) {
        this.rounds = rounds;
        this.progress = progress;
        this.solving = solving;
    }

    @Scheduled(fixedDelayString = "${broadcast.rounds.relay-interval-millis:1000}")
    void relayProgressOfOtherInstances() {
        for (String key : progress.watchedKeys()) {
            String[] parts = key.split("#");
            String eventId = parts[0];
            int number = Integer.parseInt(parts[1]);
            if (solving.solvesHere(eventId, number)) {
                continue;
            }
            try {
                rounds.find(eventId, number).ifPresent(round -> {
                    var update = new RoundProgress.Update(round.eventId(), round.number(), round.status().name(),
                            round.solvingMillis() == null ? 0 : round.solvingMillis(), round.hard(), round.medium(),
                            round.soft());
                    if (round.status().claimed()) {
                        progress.bestIfNew(update);
                    } else {
                        progress.end(update);
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Could not relay the progress of round {}: {}", key, e.getMessage());
            }
        }
    }
}
