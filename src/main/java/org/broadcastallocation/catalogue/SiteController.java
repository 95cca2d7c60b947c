package org.broadcastallocation.catalogue;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.broadcastallocation.common.NotFound;
import org.broadcastallocation.events.Events;
import org.broadcastallocation.events.Organisations;
import org.broadcastallocation.events.Sites;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.security.Actor;
import org.broadcastallocation.security.ApiKeys;

@RestController
@RequestMapping("/api/events/{event}")
@Tag(name = "Site", description = "Planners manage an event's resources, zones, organisations and API keys.")
class SiteController {

    private final Events events;
    private final Organisations organisations;
    private final Sites sites;
    private final SiteEditor editor;
    private final ApiKeys keys;

    SiteController(Events events, Organisations organisations, Sites sites, SiteEditor editor, ApiKeys keys) {
        this.events = events;
        this.organisations = organisations;
        this.sites = sites;
        this.editor = editor;
        this.keys = keys;
    }

    public record Key(String key) {
    }

    @GetMapping("/resources")
    List<ProblemDocument.Resource> resources(@PathVariable String event) {
        events.require(event);
        return sites.resources(event, true);
    }

    @GetMapping("/resources/{id}")
    SiteEditor.ResourceView resource(@PathVariable String event, @PathVariable String id) {
        var resource = resources(event).stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFound("resource " + id));
        return new SiteEditor.ResourceView(resource, sites.isClosed(event, id));
    }

    @PutMapping("/resources/{id}")
    @Operation(summary = "Create or replace a resource; ?closed=true takes it out of later rounds (published"
            + " allocations on it stand)")
    ProblemDocument.Resource putResource(@PathVariable String event, @PathVariable String id,
            @RequestBody ProblemDocument.Resource body, @RequestParam(defaultValue = "false") boolean closed,
            Authentication caller) {
        return editor.putResource(event, id, body, closed, Actor.of(caller));
    }

    @DeleteMapping("/resources/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteResource(@PathVariable String event, @PathVariable String id, Authentication caller) {
        editor.delete("resource", event, id, Actor.of(caller));
    }

    @GetMapping("/zones")
    List<ProblemDocument.Zone> zones(@PathVariable String event) {
        events.require(event);
        return sites.zones(event);
    }

    @PutMapping("/zones/{id}")
    ProblemDocument.Zone putZone(@PathVariable String event, @PathVariable String id,
            @RequestBody ProblemDocument.Zone body, Authentication caller) {
        editor.putZone(event, id, body, Actor.of(caller));
        return new ProblemDocument.Zone(id, body.fibreLinks());
    }

    @DeleteMapping("/zones/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteZone(@PathVariable String event, @PathVariable String id, Authentication caller) {
        editor.delete("zone", event, id, Actor.of(caller));
    }

    @GetMapping("/organisations")
    List<ProblemDocument.Organisation> organisations(@PathVariable String event) {
        events.require(event);
        return organisations.ofEvent(event);
    }

    @GetMapping("/organisations/{id}")
    ProblemDocument.Organisation organisation(@PathVariable String event, @PathVariable String id) {
        events.require(event);
        return organisations.find(event, id).orElseThrow(() -> new NotFound("organisation " + id));
    }

    @PutMapping("/organisations/{id}")
    ProblemDocument.Organisation putOrganisation(@PathVariable String event, @PathVariable String id,
            @RequestBody ProblemDocument.Organisation body, Authentication caller) {
        editor.putOrganisation(event, id, body, Actor.of(caller));
        return organisation(event, id);
    }

    @DeleteMapping("/organisations/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteOrganisation(@PathVariable String event, @PathVariable String id, Authentication caller) {
        editor.delete("organisation", event, id, Actor.of(caller));
    }

    @PostMapping("/organisations/{id}/keys")
    @Operation(summary = "Mint an API key for the organisation: shown once, stored hashed")
    ResponseEntity<Key> mintKey(@PathVariable String event, @PathVariable String id, Authentication caller) {
        events.require(event);
        return ResponseEntity.status(HttpStatus.CREATED).body(new Key(keys.mint(event, id, Actor.of(caller))));
    }

    @DeleteMapping("/organisations/{id}/keys")
    @Operation(summary = "Revoke every live API key of the organisation")
    Map<String, Integer> revokeKeys(@PathVariable String event, @PathVariable String id, Authentication caller) {
        events.require(event);
        return Map.of("revoked", keys.revoke(event, id, Actor.of(caller)));
    }
}
