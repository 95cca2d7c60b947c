package org.broadcastallocation.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.broadcastallocation.problem.OrganisationKind;
import org.broadcastallocation.problem.ProblemDocument;

/** An event's organisations (broadcasters, agencies, hosts) as stored. */
@Repository
public class Organisations {

    private final JdbcClient jdbc;

    public Organisations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String eventId, ProblemDocument.Organisation organisation) {
        jdbc.sql("insert into organisation (event_id, id, name, kind, country) values (?, ?, ?, ?, ?)")
                .params(eventId, organisation.id(), organisation.name() == null ? organisation.id()
                        : organisation.name(), organisation.kind().name(), organisation.country())
                .update();
    }

    public List<ProblemDocument.Organisation> ofEvent(String eventId) {
        return jdbc.sql("select id, name, kind, country from organisation where event_id = ? order by id")
                .param(eventId)
                .query((row, index) -> organisation(row, 1))
                .list();
    }

    public Optional<ProblemDocument.Organisation> find(String eventId, String id) {
        return jdbc.sql("select id, name, kind, country from organisation where event_id = ? and id = ?")
                .params(eventId, id)
                .query((row, index) -> organisation(row, 1))
                .optional();
    }

    /** An organisation read from {@code first} on: its id, name, kind and country. */
    static ProblemDocument.Organisation organisation(ResultSet row, int first) throws SQLException {
        return new ProblemDocument.Organisation(row.getString(first), row.getString(first + 1),
                OrganisationKind.valueOf(row.getString(first + 2)), row.getString(first + 3));
    }

    public boolean update(String eventId, ProblemDocument.Organisation organisation) {
        return jdbc.sql("update organisation set name = ?, kind = ?, country = ? where event_id = ? and id = ?")
                .params(organisation.name() == null ? organisation.id() : organisation.name(),
                        organisation.kind().name(), organisation.country(), eventId, organisation.id())
                .update() == 1;
    }

    /** Deletes an organisation nothing refers to; false when there is no such organisation. */
    public boolean delete(String eventId, String id) {
        return jdbc.sql("delete from organisation where event_id = ? and id = ?").params(eventId, id).update() == 1;
    }
}
