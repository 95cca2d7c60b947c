package org.broadcastallocation.notifications;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The e-mail addresses an organisation wants its notifications at. */
@Repository
class ContactAddresses {

    private final JdbcClient jdbc;

    ContactAddresses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<String> of(String eventId, String organisationId) {
        return jdbc.sql("""
                select address from contact_address where event_id = ? and organisation_id = ? order by address""")
                .params(eventId, organisationId).query(String.class).list();
    }

    List<String> organisationsWithAddresses(String eventId) {
        return jdbc.sql("select distinct organisation_id from contact_address where event_id = ?").param(eventId)
                .query(String.class).list();
    }

    void replace(String eventId, String organisationId, List<String> addresses) {
        jdbc.sql("delete from contact_address where event_id = ? and organisation_id = ?")
                .params(eventId, organisationId).update();
        for (String address : addresses) {
            jdbc.sql("""
                    insert into contact_address (event_id, organisation_id, address) values (?, ?, ?)
                    on conflict do nothing""").params(eventId, organisationId, address).update();
        }
    }
}
