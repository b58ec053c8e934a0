package io.multidb.connection.internal;

import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one place that decides what is secret and masks it, as {@code ****}: secret-looking names
 * ({@link #isSecretName}), URL-shaped secrets in any text ({@link #redact}), a configured password
 * in text ({@link #scrub(String, String)}), driver properties shown by {@code toString()}
 * ({@link #maskSecretValues}), and whole exception chains ({@link #scrub(Throwable, String)}).
 *
 * <p>A driver's message can repeat what it was given (a URL, a property), so before a driver
 * exception is attached as a cause, its whole chain is checked; if any message holds the password
 * or a URL-shaped secret, the chain is replaced by copies with the secret masked (class name,
 * SQLState, vendor code and stack traces kept).
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class Secrets {
    /** What a secret is replaced with wherever it would be shown. */
    public static final String MASK = "****";

    /** The words that make a name secret; shared by {@link #isSecretName} and {@link #redact}. */
    private static final String SECRET_WORD =
            "password|passwd|pwd|passphrase|secret|token|credential|(?:api|access|private)[_.\\-]?key";
    private static final Pattern SECRET_NAME = Pattern.compile(SECRET_WORD, Pattern.CASE_INSENSITIVE);
    /** For any text: a secret ends at whitespace, so the rest of a sentence stays readable. */
    private static final Redaction IN_TEXT = new Redaction("\\s");
    /** For one URL being reported: a secret may hold blanks, so it runs to its delimiter. */
    private static final Redaction IN_URL = new Redaction("");

    private Secrets() {
    }

    /**
     * Whether a driver property, parameter or configuration key name holds a secret: it contains
     * (ignoring case) {@code password}, {@code passwd}, {@code pwd}, {@code passphrase},
     * {@code secret}, {@code token}, {@code credential}, or {@code api}/{@code access}/{@code private}
     * + {@code key}. Used to mask values in {@code toString()} and messages.
     *
     * @param name a name such as {@code sslpassword} or {@code javax.net.ssl.keyStorePassword}; may
     *             be {@code null}
     * @return whether its value must never be shown
     */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name).find();
    }

    /**
     * Masks every secret URL-shaped text can carry: a userinfo password ({@code ://user:secret@}),
     * a secret-named parameter ({@code password=}, {@code pwd=}, {@code sslpassword=}, ... up to
     * {@code &}, {@code ;} or whitespace, or a quoted or {@code {braced}} value), and Oracle's
     * {@code jdbc:oracle:thin:user/secret@} (also behind a wrapping driver's prefix,
     * {@code jdbc:p6spy:oracle:thin:user/secret@}, and also when the {@code @} is missing: then all
     * that follows the slash). Meant for error and log messages, so it runs on every error: the
     * patterns are compiled once.
     *
     * @param text any text, may be {@code null}
     * @return the text with those secrets masked, or {@code null}
     */
    public static String redact(String text) {
        return text == null ? null : IN_TEXT.apply(text);
    }

    /**
     * As {@link #redact}, for text that is one URL: a secret there may hold blanks, so it runs to
     * its delimiter rather than to the next whitespace.
     *
     * @param url a URL being reported, not {@code null}
     * @return the URL with its secrets masked
     */
    public static String redactUrl(String url) {
        return IN_URL.apply(url);
    }

    /**
     * @param properties driver properties
     * @return a copy, in the same order, with the values of {@linkplain #isSecretName secret-named}
     *     properties masked; for {@code toString()}
     */
    public static Map<String, String> maskSecretValues(Map<String, String> properties) {
        Map<String, String> shown = new LinkedHashMap<>();
        properties.forEach((k, v) -> shown.put(k, isSecretName(k) ? MASK : v));
        return Collections.unmodifiableMap(shown);
    }

    /**
     * @param value a secret, may be {@code null}
     * @return how {@code toString()} shows it: {@code <none>} or the mask
     */
    public static String mask(Object value) {
        return value == null ? "<none>" : MASK;
    }

    /**
     * @param text     any text, may be {@code null}
     * @param password the configured password, may be {@code null}
     * @return the text with the password and URL-shaped secrets masked
     */
    public static String scrub(String text, String password) {
        if (text == null) {
            return null;
        }
        String out = password == null || password.isEmpty() ? text : text.replace(password, MASK);
        return redact(out);
    }

    /**
     * @param failure  a failure from a driver or pool
     * @param password the configured password, may be {@code null}
     * @return {@code failure} itself when no message in its chain holds a secret, otherwise a
     *     scrubbed copy of the chain
     */
    public static Throwable scrub(Throwable failure, String password) {
        return holdsSecret(failure, password, 0) ? copy(failure, password, 0) : failure;
    }

    private static boolean holdsSecret(Throwable t, String password, int depth) {
        if (t == null || depth > 20) {
            return false;
        }
        String message = t.getMessage();
        if (message != null && !message.equals(scrub(message, password))) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (holdsSecret(s, password, depth + 1)) {
                return true;
            }
        }
        if (t instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != t.getCause()
                && holdsSecret(sql.getNextException(), password, depth + 1)) {
            return true;
        }
        return t.getCause() != t && holdsSecret(t.getCause(), password, depth + 1);
    }

    private static Throwable copy(Throwable t, String password, int depth) {
        if (t == null || depth > 20) {
            return null;
        }
        String message = scrub(t.getMessage(), password);
        Throwable cause = t.getCause() == t ? null : copy(t.getCause(), password, depth + 1);
        Throwable copy;
        if (t instanceof SQLException sql) {
            copy = new ScrubbedSQLException(t.getClass().getName() + ": " + message, sql.getSQLState(),
                    sql.getErrorCode(), cause);
        } else {
            copy = new ScrubbedException(t.getClass().getName() + ": " + message, cause);
        }
        copy.setStackTrace(t.getStackTrace());
        for (Throwable s : t.getSuppressed()) {
            copy.addSuppressed(copy(s, password, depth + 1));
        }
        return copy;
    }

    /** The three places a URL holds a secret; {@code stop} adds the characters a secret ends at. */
    private record Redaction(Pattern userInfo, Pattern parameter, Pattern oracle) {
        Redaction(String stop) {
            this(Pattern.compile("(://[^:/@" + stop + "]*:)[^@" + stop + "]*@"),
                    Pattern.compile("([\\w.\\-]*(?:" + SECRET_WORD + ")[\\w.\\-]*\\s*=\\s*)"
                            + "(?:\"[^\"]*\"|\\{(?:[^}]|}})*}|[^&;" + stop + "]*)", Pattern.CASE_INSENSITIVE),
                    // also wrapped (jdbc:p6spy:oracle:thin:...), and without the @ (a URL missing it
                    // still holds the password after the slash)
                    Pattern.compile("(jdbc:(?:[a-z0-9]+:)*?oracle:[a-z0-9]+:[^/@\"" + stop + "]*/)(?:\"[^\"]*\"|[^@"
                            + stop + "]*)(@|$" + (stop.isEmpty() ? "" : "|(?=" + stop + ")") + ")",
                            Pattern.CASE_INSENSITIVE));
        }

        String apply(String text) {
            String out = userInfo.matcher(text).replaceAll("$1" + MASK + "@");
            out = parameter.matcher(out).replaceAll("$1" + MASK);
            return oracle.matcher(out).replaceAll("$1" + MASK + "$2");
        }
    }

    /** A driver {@link SQLException} whose message held a secret, with the secret masked. */
    static final class ScrubbedSQLException extends SQLException {
        private static final long serialVersionUID = 1L;

        ScrubbedSQLException(String message, String sqlState, int vendorCode, Throwable cause) {
            super(message, sqlState, vendorCode, cause);
        }
    }

    /** A non-SQL failure whose message held a secret, with the secret masked. */
    static final class ScrubbedException extends Exception {
        private static final long serialVersionUID = 1L;

        ScrubbedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
