package org.broadcastallocation.audit;

/**
 * What an audit entry records. Stored by name in {@code audit_log.action}, which readers of the audit API filter on,
 * so a name, once written, stays.
 */
public enum AuditAction {
    /** A problem document imported as a new event. */
    IMPORT_EVENT,
    /** Late intake opened or closed by a planner. */
    LATE_INTAKE,
    /** A resource, zone or organisation added to the site, changed, or removed. */
    CREATE, UPDATE, DELETE,
    /** A broadcaster's request handed in, amended, or cancelled by its organisation; rejected by a planner. */
    SUBMIT, AMEND, CANCELLED, REJECTED,
    /** A round created, set solving, stopped, or published (its allocations confirmed). */
    CREATE_ROUND, SOLVE_ROUND, STOP_ROUND, PUBLISH_ROUND,
    /** An organisation's API key minted, or all of its keys revoked. */
    MINT_KEY, REVOKE_KEYS,
    /** A webhook endpoint registered, removed or given a new signing secret; a notification sent again. */
    ADD_WEBHOOK, DELETE_WEBHOOK, ROTATE_WEBHOOK_SECRET, REDELIVER,
    /** An organisation's contact e-mail addresses set. */
    SET_CONTACTS,
    /** A calendar feed address made, given a new secret, or revoked. */
    CREATE_CALENDAR_FEED, ROTATE_CALENDAR_FEED, REVOKE_CALENDAR_FEED,
    /** A request placed, moved or left out by a planner's hand in a round. */
    HAND_PLACE,
    /** A fill's offer accepted or declined by its organisation, or let expire; an event's fill settings changed. */
    ACCEPT_OFFER, DECLINE_OFFER, EXPIRE_OFFER, FILL_SETTINGS
}
