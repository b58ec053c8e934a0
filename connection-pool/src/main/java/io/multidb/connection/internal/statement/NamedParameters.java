package io.multidb.connection.internal.statement;

import io.multidb.connection.StatementParameterException;
import io.multidb.connection.internal.Failures;
import io.multidb.connection.spi.NamedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A statement with {@code :name} parameters rewritten to positional {@code ?} ones, and the names
 * in order. Quoted text ({@code '...'}, {@code "..."}, {@code `...`}), comments ({@code --} and
 * {@code /* ... *}{@code /}), PostgreSQL's {@code ::} casts and JDBC's {@code ??} escape are left
 * alone. A name may appear
 * several times; each occurrence becomes its own {@code ?}.
 *
 * @param sql   the statement with {@code ?} placeholders
 * @param names the parameter name of each placeholder, in order
 */
public record NamedParameters(String sql, List<String> names) implements NamedStatement {
    /** Statements are rewritten once and remembered, up to this many (DAO statements are constants). */
    static final int MAX_CACHED = 256;
    private static final ConcurrentHashMap<String, NamedParameters> PARSED = new ConcurrentHashMap<>();

    /**
     * @param sql a statement with {@code :name} parameters
     * @return it rewritten; the same statement is rewritten once, later calls find the result
     * @throws StatementParameterException when the statement also has a positional {@code ?}
     */
    public static NamedParameters parse(String sql) {
        if (sql == null) {
            throw new StatementParameterException(null, "SQL must not be null");
        }
        NamedParameters known = PARSED.get(sql);
        if (known != null) {
            return known;
        }
        NamedParameters parsed = rewrite(sql);
        if (PARSED.size() < MAX_CACHED) {
            PARSED.putIfAbsent(sql, parsed);
        }
        return parsed;
    }

    private static NamedParameters rewrite(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        List<String> names = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(sql, i + 1, c);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(sql, i, end);
                i = end;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < n && isNameStart(sql.charAt(i + 1))) {
                int end = i + 2;
                while (end < n && isNamePart(sql.charAt(end))) {
                    end++;
                }
                names.add(sql.substring(i + 1, end));
                out.append('?');
                i = end;
            } else if (c == '?' && i + 1 < n && sql.charAt(i + 1) == '?') {
                out.append("??"); // JDBC's escape for a literal ?, such as PostgreSQL's jsonb operator
                i += 2;
            } else if (c == '?') {
                throw new StatementParameterException(null, "The statement mixes positional ? and named :name parameters;"
                        + " use one kind: " + Failures.shorten(sql));
            } else {
                out.append(c);
                i++;
            }
        }
        return new NamedParameters(out.toString(), List.copyOf(names));
    }

    /**
     * Takes the values of the parameters from a map, refusing missing and unused keys so that a
     * misspelt name fails here rather than binding NULL.
     *
     * @param values name to value; a value may be {@code null}
     * @return one value per placeholder
     * @throws StatementParameterException when a name has no value or a key is not used
     */
    @Override
    public Object[] arguments(Map<String, ?> values) {
        if (values == null) {
            throw new StatementParameterException(null, "The parameter map must not be null; pass Map.of() for none");
        }
        Set<String> missing = new LinkedHashSet<>();
        Object[] args = new Object[names.size()];
        for (int i = 0; i < args.length; i++) {
            String name = names.get(i);
            if (!values.containsKey(name)) {
                missing.add(name);
            } else {
                args[i] = values.get(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new StatementParameterException(null, "No value for parameter(s) " + prefixed(missing) + " in the map (keys "
                    + new TreeSet<>(values.keySet()) + ") of: " + Failures.shorten(sql));
        }
        if (values.size() > distinctNames()) {
            Set<String> unused = new TreeSet<>(values.keySet());
            unused.removeAll(names);
            throw new StatementParameterException(null, "The parameter map has key(s) " + unused + " that the statement does not"
                    + " use (it uses " + prefixed(new LinkedHashSet<>(names)) + "): " + Failures.shorten(sql));
        }
        return args;
    }

    /** @return how many different names there are; without allocating for the usual short list */
    private int distinctNames() {
        int n = names.size();
        if (n > 16) {
            return new HashSet<>(names).size();
        }
        int distinct = 0;
        outer:
        for (int i = 0; i < n; i++) {
            String name = names.get(i);
            for (int j = 0; j < i; j++) {
                if (names.get(j).equals(name)) {
                    continue outer;
                }
            }
            distinct++;
        }
        return distinct;
    }

    private static String prefixed(Set<String> names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            out.add(":" + name);
        }
        return out.toString();
    }

    private static int closing(String sql, int from, char quote) {
        int i = from;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote inside the text
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static boolean isNameStart(char c) {
        return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || c >= '0' && c <= '9';
    }
}
