package io.sparkinfer.engine.hub;

import java.util.LinkedHashSet;
import java.util.Set;

/** One line naming an exception and every distinct message in its cause chain ("closed" alone says little). */
final class Causes {

    private Causes() {
    }

    static String describe(Throwable error) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = error; t != null && messages.size() < 5; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                messages.add(t.getMessage().strip());
            }
        }
        String name = error.getClass().getSimpleName();
        return messages.isEmpty() ? name : name + ": " + String.join(": ", messages);
    }
}
