package org.broadcastallocation.rounds;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.broadcastallocation.security.Broadcaster;

/** Places offered by fills: broadcasters answer them; planners set how long an answer may take. */
@RestController
@RequestMapping("/api/events/{event}")
@Tag(name = "Offers", description = "A place freed by a cancellation is planned again at once (a FILL round); a"
        + " published fill offers its places: OFFERED until the broadcaster accepts (CONFIRMED), declines or lets the"
        + " offer expire (WAITLISTED again; the next fill offers the place on).")
class OffersController {

    private final OfferDesk desk;

    OffersController(OfferDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/offers")
    @Operation(summary = "Offers made by published fills: a broadcaster's own, or all of the event's for staff")
    List<Offers.Offer> list(@PathVariable String event, Authentication caller) {
        return desk.list(event, caller.getPrincipal() instanceof Broadcaster broadcaster ? broadcaster : null);
    }

    @PostMapping("/offers/{request}/accept")
    @Operation(summary = "Take the offered place before the offer expires: the request is CONFIRMED there (409 once"
            + " expired)")
    Offers.Offer accept(@PathVariable String event, @PathVariable String request, Authentication caller) {
        return desk.accept((Broadcaster) caller.getPrincipal(), event, request);
    }

    @PostMapping("/offers/{request}/decline")
    @Operation(summary = "Let the offered place go: the request is WAITLISTED again (passed by later fills) and"
            + " the next fill offers the place on")
    Offers.Offer decline(@PathVariable String event, @PathVariable String request, Authentication caller) {
        return desk.decline((Broadcaster) caller.getPrincipal(), event, request);
    }

    @GetMapping("/fill-settings")
    @Operation(summary = "How long a broadcaster has to answer an offer, and whether fills publish themselves")
    Offers.Settings settings(@PathVariable String event) {
        return desk.settings(event, null, null);
    }

    @PutMapping("/fill-settings")
    @Operation(summary = "Set offerSeconds (1 to 2,592,000; default a day) and fillsPublishThemselves (default"
            + " false: a planner reviews and publishes each fill)")
    Offers.Settings changeSettings(@PathVariable String event, @RequestBody Offers.Settings settings,
            Authentication caller) {
        return desk.settings(event, settings, caller.getName());
    }
}
