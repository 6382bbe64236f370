package io.sparkinfer.engine.sched;

/** A request that cannot run as given (empty, too long, bad options): it fails alone with this message. */
final class RequestRejected extends RuntimeException {
    RequestRejected(String message) {
        super(message, null, false, false);
    }
}
