package org.broadcastallocation.rounds;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A planner's hand in a round: where a request could go, and putting it there. */
@RestController
@RequestMapping("/api/events/{event}/rounds/{round}")
@Tag(name = "Rounds")
class HandPlacementController {

    private final HandPlacing placing;
    private final Recommendations recommendations;

    HandPlacementController(HandPlacing placing, Recommendations recommendations) {
        this.placing = placing;
        this.recommendations = recommendations;
    }

    @PutMapping("/allocations/{request}")
    @Operation(summary = "Place, move or unassign a request by hand in an ended, unpublished round:"
            + " {resource, start} or {unassigned: true}",
            description = "A place the request and the resource alone rule out (type, capacity, required features,"
                    + " eligibility, availability, window) is refused (422) naming the rule. One that breaks a rule"
                    + " between requests (double booking, fibre, quota) is taken: the answer gives the new score"
                    + " and the broken rules in words, and the round cannot be published until they are put right."
                    + " Hand placements are kept when the round is solved again, and marked byHand in the report"
                    + " and the timeline; the audit log says who placed what, when (HAND_PLACE).")
    HandPlacing.Placed place(@PathVariable String event, @PathVariable int round, @PathVariable String request,
            @RequestBody HandPlacing.Move move, Authentication caller) {
        return placing.place(event, round, request, move, caller.getName());
    }

    @GetMapping("/requests/{request}/recommendations")
    @Operation(summary = "The best places for a request in this round, each with the score change in words; or"
            + " why it fits nowhere")
    Recommendations.Answer recommend(@PathVariable String event, @PathVariable int round,
            @PathVariable String request) {
        return recommendations.of(event, round, request);
    }
}
