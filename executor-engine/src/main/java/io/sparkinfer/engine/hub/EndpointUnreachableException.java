package io.sparkinfer.engine.hub;

import java.io.IOException;
import java.net.URI;

/** The hub endpoint could not answer (no connection, timeout, 5xx): the resolver falls back to the cache. */
final class EndpointUnreachableException extends IOException {
    private static final long serialVersionUID = 1L;

    EndpointUnreachableException(URI url, String reason, Throwable cause) {
        super("GET " + url + " failed: " + reason, cause);
    }
}
