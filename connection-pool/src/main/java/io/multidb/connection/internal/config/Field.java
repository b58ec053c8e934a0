package io.multidb.connection.internal.config;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.internal.Secrets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a value is read: label, key, origin (a property or variable; {@code null} for maps and the
 * builder), whether it is text, and whether it is secret (never shown).
 *
 * @param label  the label
 * @param key    the key as given (a name or an alias)
 * @param origin the property or environment variable it came from, or {@code null}
 * @param text   whether the value is text to be parsed (properties, environment)
 * @param secret whether the value must never be shown
 */
public record Field(String label, String key, String origin, boolean text, boolean secret) {

    /**
     * @param problem what is wrong, after the key: {@code must be ..., but is ...}
     * @return the error naming label, key and origin
     */
    public ConfigurationException fail(String problem) {
        return new ConfigurationException(label, key, "Database '" + label + "': " + key + " " + problem
                + (origin == null ? "" : " (" + origin + ")"));
    }

    /**
     * @param value a value of the wrong type or form
     * @return {@code but is the String "ten"}, or only the type when the value is secret
     */
    public String describe(Object value) {
        String type = typeName(value);
        if (secret) {
            return "but is " + (text ? "not" : ("AEIOU".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type)
                    + " (value not shown)";
        }
        if (text) {
            return "but is \"" + shown(value) + "\"";
        }
        return "but is the " + type + " " + (value instanceof CharSequence ? "\"" + shown(value) + "\""
                : shown(value));
    }

    /**
     * @param value any value
     * @return the type name a user recognises: {@code String}, {@code List}, {@code Map}, ...
     */
    public static String typeName(Object value) {
        return value instanceof CharSequence ? "String" : value instanceof List ? "List" : value instanceof Map ? "Map"
                : value instanceof Set ? "Set" : value.getClass().getSimpleName();
    }

    private static String shown(Object value) {
        String s = Secrets.redact(String.valueOf(value));
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
