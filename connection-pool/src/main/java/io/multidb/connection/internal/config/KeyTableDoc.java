package io.multidb.connection.internal.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The README's table of configuration keys, written from {@link Keys}; a test fails when the
 * README's table differs from it.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class KeyTableDoc {

    private KeyTableDoc() {
    }

    /**
     * @return the Markdown table, one row per key in table order, each line ending with a newline
     */
    public static String markdown() {
        StringBuilder out = new StringBuilder("| key | type | meaning | default |\n|---|---|---|---|\n");
        for (Key<?> key : Keys.ALL) {
            StringJoiner names = new StringJoiner(" or ");
            names.add("`" + key.name() + "`");
            key.aliases().forEach(a -> names.add("`" + a + "`"));
            String doc = key.doc();
            if (!key.sources().equals(EnumSet.allOf(Key.Source.class))) {
                doc += " (only from the builder and " + key.sources().stream()
                        .map(s -> s.name().toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining(", ")) + ")";
            }
            out.append("| ").append(names).append(" | ").append(key.kind().readme()).append(" | ").append(doc)
                    .append(" | ").append(key.defaultDoc()).append(" |\n");
        }
        return out.toString();
    }
}
