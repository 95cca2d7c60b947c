package org.broadcastallocation.notifications;

import java.util.Map;

/**
 * One fact as told to one recipient: its type, the organisation it is for (null: staff), the webhook's data and
 * the e-mail's words (null: none by mail).
 */
record Notice(String type, String organisationId, Map<String, Object> data, Mail mail) {

    record Mail(String subject, String text, String html) {
    }
}
