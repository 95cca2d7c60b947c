package org.broadcastallocation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadcastallocation.problem.OrganisationKind.BROADCASTER;
import static org.broadcastallocation.problem.ResourceType.EDIT_BOOTH;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.broadcastallocation.ApiClient;
import org.broadcastallocation.Fixture;
import org.broadcastallocation.ServiceTest;

/** API keys: shown once at minting, stored only as a hash, revocable. */
@ServiceTest
class ApiKeysTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aKeyIsShownOnceStoredHashedAndRevocable() {
        var api = new ApiClient(port);
        api.importEvent(Fixture.hague().zone("EDIT", 1).organisation("nos", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 0, 0, 2).document(), "keys");
        String key = api.mintKey("keys", "nos");
        assertThat(key).startsWith("ba_").hasSizeGreaterThan(40);

        var rows = jdbc.sql("select * from api_key where event_id = 'keys'").query().listOfRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).values()).noneMatch(value -> String.valueOf(value).contains(key.substring(8)));
        assertThat(rows.get(0)).containsEntry("key_hash", ApiKeys.hash(key));
        for (String path : new String[] {"/api/events/keys/audit", "/api/events/keys/organisations/nos",
            "/api/events/keys/organisations"}) {
            assertThat(api.call(ApiClient.OPERATOR, "GET", path, null).body()).doesNotContain(key.substring(8));
        }

        assertThat(api.call(key, "GET", "/api/events/keys/requests", null).status()).isEqualTo(200);
        var revoked = api.call(ApiClient.PLANNER, "DELETE", "/api/events/keys/organisations/nos/keys", null);
        assertThat(revoked.json().get("revoked").asInt()).isEqualTo(1);
        var refused = api.call(key, "GET", "/api/events/keys/requests", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(api.call(ApiClient.PLANNER, "DELETE", "/api/events/keys/organisations/nos/keys", null).status())
                .isEqualTo(404);
        assertThat(api.call(key + "x", "GET", "/api/events/keys/requests", null,
                Map.of()).status()).isEqualTo(401);
    }

    @Test
    void aKeyRevokedByAnotherInstanceIsRefusedHereWithinTheRememberedSecond() throws Exception {
        var api = new ApiClient(port);
        api.importEvent(Fixture.hague().zone("EDIT", 1).organisation("nos", BROADCASTER)
                .resource("EB-01", EDIT_BOOTH, "EDIT", 0, 0, 2).document(), "keys-elsewhere");
        String key = api.mintKey("keys-elsewhere", "nos");
        assertThat(api.call(key, "GET", "/api/events/keys-elsewhere/requests", null).status()).isEqualTo(200);

        // What another instance's revocation leaves behind: the row, and nothing in this instance's memory.
        jdbc.sql("update api_key set revoked_at = now() where event_id = 'keys-elsewhere'").update();

        long deadline = System.nanoTime() + 3_000_000_000L;
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = api.call(key, "GET", "/api/events/keys-elsewhere/requests", null).status();
        }
        assertThat(status).isEqualTo(401);
    }
}
