package io.multidb.dao.internal;

/**
 * Checks that a name handed to a DAO helper is a plain SQL identifier, before any dialect is
 * consulted or any connection borrowed: {@code [A-Za-z_][A-Za-z0-9_]*}, optionally qualified once
 * ({@code schema.table}) where a qualified name is allowed. Written as a loop over ASCII ranges
 * rather than with {@link Character#isLetter(char)}, which would let look-alike letters from
 * other scripts through.
 */
public final class Identifiers {
    private static final String RULE = "expected a plain identifier: an ASCII letter or underscore followed by"
            + " ASCII letters, digits or underscores";
    private static final String WAY_OUT = ". Names that need quoting are not accepted by the DAO helpers; write"
            + " that statement yourself with execute(...) or queryList(...).";

    private Identifiers() {
    }

    /**
     * @param kind what the name is, for the message: {@code "column name"}, {@code "table name"}
     * @param name the name
     * @return the name
     * @throws IllegalArgumentException when it is not a plain identifier
     */
    public static String requirePlain(String kind, String name) {
        if (!isPlain(name, 0, name == null ? 0 : name.length())) {
            throw new IllegalArgumentException("Invalid " + kind + " " + show(name) + ": " + RULE + WAY_OUT);
        }
        return name;
    }

    /**
     * @param kind what the name is, for the message: {@code "table name"}, {@code "sequence name"}
     * @param name {@code name} or {@code schema.name}
     * @return the name
     * @throws IllegalArgumentException when a part is not a plain identifier or there are more than
     *     two parts
     */
    public static String requireQualified(String kind, String name) {
        int dot = name == null ? -1 : name.indexOf('.');
        boolean valid = dot < 0 ? isPlain(name, 0, name == null ? 0 : name.length())
                : isPlain(name, 0, dot) && isPlain(name, dot + 1, name.length());
        if (!valid) {
            throw new IllegalArgumentException("Invalid " + kind + " " + show(name) + ": " + RULE
                    + ", optionally qualified once as schema.name" + WAY_OUT);
        }
        return name;
    }

    private static boolean isPlain(String s, int from, int to) {
        if (s == null || from >= to) {
            return false;
        }
        char first = s.charAt(from);
        if (!(first == '_' || first >= 'A' && first <= 'Z' || first >= 'a' && first <= 'z')) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param name any string
     * @return it in double quotes, with control, non-ASCII, quote and backslash characters written
     *     as escapes (a zero-width space shows as {@code \\u200b}) so that invisible tricks show in
     *     the message; {@code null} as {@code null}
     */
    static String show(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(name.length() + 2).append('"');
        int shown = Math.min(name.length(), 200);
        for (int i = 0; i < shown; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (shown < name.length()) {
            out.append("...");
        }
        return out.append('"').toString();
    }
}
