package io.sparkinfer.engine.config;

/**
 * A model configuration file, or a checkpoint's tensors, is missing, malformed or inconsistent. The message
 * names the file, the key (or tensor) and the values involved, and says how to fix it.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The same problem with where it was found put in front ({@code "/m/config.json: text_config: ..."}).
     * Record constructors know the keys but not the file or section; the readers add those.
     */
    public ConfigException at(String where) {
        ConfigException located = new ConfigException(where + ": " + getMessage(), getCause());
        located.setStackTrace(getStackTrace());
        return located;
    }
}
