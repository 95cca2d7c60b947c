package org.broadcastallocation.requests;

import org.broadcastallocation.common.Conflict;

/** A retry answered early: the first submission under its Idempotency-Key has not been written yet. */
public class SubmissionStillInProgress extends Conflict {
    SubmissionStillInProgress(String message) {
        super(message);
    }
}
