package org.broadcastallocation.events;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.broadcastallocation.common.JsonColumns;
import org.broadcastallocation.problem.ProblemDocument;
import org.broadcastallocation.problem.ProblemDocument.Interval;
import org.broadcastallocation.problem.Quantity;
import org.broadcastallocation.problem.ResourceType;

/** An event's site as stored: its zones (with their fibre links) and its resources, open or closed. */
@Repository
public class Sites {

    private static final TypeReference<List<Interval>> INTERVALS = new TypeReference<>() { };
    private static final TypeReference<Set<String>> NAMES = new TypeReference<>() { };

    private final JdbcClient jdbc;

    public Sites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertZone(String eventId, ProblemDocument.Zone zone) {
        jdbc.sql("insert into zone (event_id, id, fibre_links) values (?, ?, ?)")
                .params(eventId, zone.id(), zone.fibreLinks() == null ? 0 : zone.fibreLinks()).update();
    }

    public List<ProblemDocument.Zone> zones(String eventId) {
        return jdbc.sql("select id, fibre_links from zone where event_id = ? order by id").param(eventId)
                .query((row, index) -> new ProblemDocument.Zone(row.getString(1), row.getInt(2))).list();
    }

    public void insertResource(String eventId, ProblemDocument.Resource resource) {
        jdbc.sql("""
                insert into resource (event_id, id, type, zone, x, y, capacity, features, availability)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))""")
                .params(eventId, resource.id(), resource.type().name(), resource.zone(), resource.x(), resource.y(),
                        capacity(resource), JsonColumns.write(resource.features() == null ? Set.of()
                                : resource.features()),
                        JsonColumns.write(orEmpty(resource.availability())))
                .update();
    }

    /** The event's resources in document order (by id), closed ones included only when asked. */
    public List<ProblemDocument.Resource> resources(String eventId, boolean includeClosed) {
        return jdbc.sql("""
                select id, type, zone, x, y, capacity, features::text, availability::text
                from resource where event_id = ? and (? or not closed) order by id""")
                .params(eventId, includeClosed)
                .query((row, index) -> new ProblemDocument.Resource(row.getString(1),
                        ResourceType.valueOf(row.getString(2)), row.getString(3), row.getInt(4), row.getInt(5),
                        quantity(row.getBigDecimal(6)), JsonColumns.read(row.getString(7), NAMES),
                        JsonColumns.read(row.getString(8), INTERVALS)))
                .list();
    }

    /** Replaces a resource's description; false when there is no such resource. */
    public boolean updateResource(String eventId, ProblemDocument.Resource resource, boolean closed) {
        return jdbc.sql("""
                update resource set type = ?, zone = ?, x = ?, y = ?, capacity = ?, features = cast(? as jsonb),
                    availability = cast(? as jsonb), closed = ?, version = version + 1
                where event_id = ? and id = ?""")
                .params(resource.type().name(), resource.zone(), resource.x(), resource.y(), capacity(resource),
                        JsonColumns.write(resource.features() == null ? Set.of() : resource.features()),
                        JsonColumns.write(orEmpty(resource.availability())), closed, eventId, resource.id())
                .update() == 1;
    }

    /** numeric(7, 2): people or metres, exactly as given. */
    private static BigDecimal capacity(ProblemDocument.Resource resource) {
        return resource.capacity() == null ? null : resource.capacity().value();
    }

    /** 7.50 in the column is 7.5 in the document; 16.00 is 16. */
    private static Quantity quantity(BigDecimal column) {
        return column == null ? null : Quantity.of(column);
    }

    public boolean isClosed(String eventId, String resourceId) {
        return jdbc.sql("select closed from resource where event_id = ? and id = ?").params(eventId, resourceId)
                .query(Boolean.class).optional().orElse(false);
    }

    public boolean updateZone(String eventId, ProblemDocument.Zone zone) {
        return jdbc.sql("update zone set fibre_links = ? where event_id = ? and id = ?")
                .params(zone.fibreLinks() == null ? 0 : zone.fibreLinks(), eventId, zone.id()).update() == 1;
    }

    /**
     * Deletes a resource or zone nothing refers to; false when there is none. A resource holding a published
     * allocation stays (close it instead).
     */
    public boolean delete(String table, String eventId, String id) {
        if (!List.of("resource", "zone").contains(table)) {
            throw new IllegalArgumentException(table);
        }
        return jdbc.sql("delete from " + table + " where event_id = ? and id = ?").params(eventId, id).update() == 1;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
