package org.broadcastallocation.requests;

import java.util.List;

import org.broadcastallocation.common.RequestRejected;
import org.broadcastallocation.problem.Violation;

/** An amendment after the request deadline while late intake is closed: it would be a new late application. */
public class LateIntakeClosed extends RequestRejected {
    LateIntakeClosed(Violation violation) {
        super(List.of(violation));
    }
}
