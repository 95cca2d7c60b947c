package org.broadcastallocation.notifications;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import org.broadcastallocation.common.RequestRejected;
import org.broadcastallocation.problem.Violation;

/**
 * Where the service may send a webhook. A URL that reaches the service's own network (loopback, private,
 * link-local, carrier-grade NAT, unique-local IPv6) would let an organisation make the service call its neighbours
 * (SSRF): refused unless {@code broadcast.webhooks.allow-private-addresses} says otherwise. Checked when an endpoint
 * is registered and again before each delivery (the name may point elsewhere by then).
 */
@Component
class WebhookTargets {

    static final int MAX_URL = 2_000;

    private final boolean allowPrivate;

    WebhookTargets(@Value("${broadcast.webhooks.allow-private-addresses:false}") boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The URL, when it is one the service may call; else refused with the reason, as a request is. */
    URI checked(String url) {
        if (url == null || url.isBlank()) {
            throw refused("is required");
        }
        if (url.length() > MAX_URL) {
            throw refused("is longer than " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused("is not a URL: " + e.getReason());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw refused("must start with https:// (or http://)");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw refused("must name a host, without a user name or password");
        }
        whyNotAllowed(uri).ifPresent(why -> {
            throw refused(why);
        });
        return uri;
    }

    /** Why the service may not call this URL now, if it may not. */
    Optional<String> whyNotAllowed(URI uri) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return Optional.of("host " + uri.getHost() + " cannot be resolved");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        for (var address : addresses) {
            if (isInternal(address)) {
                return Optional.of("reaches " + address.getHostAddress() + ", a loopback, private or link-local"
                        + " address; webhooks go to public addresses only");
            }
        }
        return Optional.empty();
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        var bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc; // fc00::/7, unique local
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second < 128); // 0/8, 100.64/10 (carrier NAT)
    }

    private static RequestRejected refused(String message) {
        return new RequestRejected(List.of(new Violation("body", "url", message)));
    }
}
