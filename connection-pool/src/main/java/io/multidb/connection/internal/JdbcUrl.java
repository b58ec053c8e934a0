package io.multidb.connection.internal;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.Engine;
import io.multidb.connection.internal.engine.EngineProfile;
import io.multidb.connection.internal.engine.UrlGrammar;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns what a configuration says about <em>where</em> a database is (a URL, or host/port/db
 * pieces) into the {@code jdbc:} URL the pool connects with, the engine, and the credentials.
 * Internal: called by {@code DatabaseConfig.Builder.build()}.
 *
 * <p>Accepted {@code url} / {@code connection_string} forms:
 * <ul>
 *   <li>{@code jdbc:postgresql://host[:port][,host2...]/db[?k=v&...]} and {@code jdbc:postgresql:db}
 *   <li>{@code jdbc:oracle:thin:[user[/password]]@//host[:port]/service}, {@code @host:port:SID},
 *       {@code @host[:port]/service}, a TNS alias or a {@code (DESCRIPTION=...)}; quoted
 *       ({@code "..."}) user and password are unquoted
 *   <li>{@code jdbc:sqlserver://host[\instance][:port][;k=v...]} (the database is
 *       {@code ;databaseName=db}; {@code /db} is rejected with that hint)
 *   <li>{@code jdbc:h2:mem:name[;K=V...]}, {@code jdbc:h2:file:path}, {@code jdbc:h2:path},
 *       {@code jdbc:h2:tcp://host[:port]/path}, {@code jdbc:h2:ssl://...}; also {@code h2:mem:name}
 *       and {@code h2:file:path} without the {@code jdbc:} prefix
 *   <li>{@code jdbc:mariadb:[replication:|loadbalance:|sequential:]//hosts/db[?k=v&...]}; a
 *       {@code jdbc:mysql:} URL is rewritten to {@code jdbc:mariadb:}, because the MariaDB driver
 *       (the one Multidb uses for MySQL servers too) accepts {@code jdbc:mysql:} only with
 *       {@code permitMysqlScheme}
 *   <li>{@code scheme[+driver]://[user[:password]@]host[:port]/db[?k=v&...]} with scheme
 *       {@code postgresql}/{@code postgres}, {@code oracle}, {@code sqlserver}/{@code mssql},
 *       {@code mariadb}/{@code mysql} or {@code h2} (SQLAlchemy's form; the {@code +driver} suffix
 *       is ignored). User, password and db are percent-decoded, query values form-decoded; query
 *       parameters become driver properties, except {@code user}/{@code username} and
 *       {@code password}, and Oracle's {@code service_name} (SQLAlchemy's way to name the service).
 *       The URL built is PostgreSQL {@code jdbc:postgresql://host:port/db}, Oracle
 *       {@code jdbc:oracle:thin:@//host:port/service}, SQL Server
 *       {@code jdbc:sqlserver://host:port;databaseName=db}, MariaDB
 *       {@code jdbc:mariadb://host:port/db}, H2 {@code jdbc:h2:tcp://host:port/db}. For H2 without
 *       a host the path is the db, as in SQLAlchemy's SQLite URLs: {@code h2:///:memory:},
 *       {@code h2:///mem:name}, {@code h2:///relative/path}, {@code h2:////absolute/path}.
 * </ul>
 *
 * <p>Without a URL the pieces give: H2 {@code :memory:} → {@code jdbc:h2:mem:<label>;DB_CLOSE_DELAY=-1},
 * {@code mem:x} → {@code jdbc:h2:mem:x;DB_CLOSE_DELAY=-1}, a path or {@code file:path} →
 * {@code jdbc:h2:file:path}, with a host → {@code jdbc:h2:tcp://host:port/db}; other engines the
 * scheme forms above, with the engine's default port. A {@code jdbc:h2:mem:} URL given as such is
 * kept as written (no {@code DB_CLOSE_DELAY} added).
 *
 * <p>Secrets never stay in the returned URL: a user and password in the userinfo, in
 * {@code user}/{@code username}/{@code password} parameters ({@code ?&} or {@code ;} separated,
 * names compared ignoring case) or in Oracle's {@code user/password@} move to the user and password
 * of the result; any other parameter whose name {@linkplain Secrets#isSecretName looks secret}
 * ({@code sslpassword}, {@code keyStorePassword}, ...) moves to the driver properties, where
 * {@code toString()} masks it. PostgreSQL parameter values are percent-decoded when moved, as pgJDBC
 * would decode them.
 *
 * <p>Which schemes and subprotocols name which engine, the {@linkplain UrlGrammar grammar} of its
 * URLs, its default port and the URL built from pieces come from the engine's
 * {@link EngineProfile}; this class holds the grammars and the secret handling they share.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class JdbcUrl {

    /**
     * Where a label's database is and whom to log in as.
     *
     * @param engine     the engine
     * @param jdbcUrl    the URL for the driver, without user or password
     * @param user       the user, or {@code null}
     * @param password   the password, or {@code null}
     * @param properties driver properties from the URL (scheme-form query parameters, secret
     *                   parameters moved out of a {@code jdbc:} URL), in URL order, unmodifiable
     */
    public record Resolved(Engine engine, String jdbcUrl, String user, String password,
            Map<String, String> properties) {
        /** Compact constructor: copies the properties so the record is immutable. */
        public Resolved {
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }

        /** @return the fields, with the password and secret properties masked */
        @Override
        public String toString() {
            return "Resolved[engine=" + engine + ", jdbcUrl=" + jdbcUrl + ", user=" + user + ", password="
                    + (password == null ? null : Secrets.MASK) + ", properties=" + Secrets.maskSecretValues(properties)
                    + "]";
        }
    }

    private static final int MAX_PORT = 65535;
    /** Every engine's scheme-form names, in engine order: {@code postgresql, postgres, oracle, ...}. */
    private static final String SCHEMES = EngineProfile.all().stream().flatMap(p -> p.schemes().stream())
            .collect(Collectors.joining(", "));
    /** Every engine's subprotocols as a regex alternative: {@code postgresql|oracle|...|mysql}. */
    private static final String SUBPROTOCOL_ALTERNATIVES = EngineProfile.all().stream()
            .flatMap(p -> p.subprotocols().stream()).map(Pattern::quote).collect(Collectors.joining("|"));
    private static final String SUBPROTOCOLS = EngineProfile.all().stream().flatMap(p -> p.subprotocols().stream())
            .map(s -> "jdbc:" + s).collect(Collectors.joining(", "));
    /** Said wherever SQLite comes up: the Python original's in-memory database has H2 as counterpart. */
    public static final String SQLITE_HINT = "SQLite is not supported; its counterpart for an in-memory database is H2"
            + " (engine h2 with db ':memory:', or url h2:///:memory:)";

    private static final Map<String, EngineProfile> SCHEME_ENGINES = byName(EngineProfile::schemes);
    private static final Map<String, EngineProfile> SUBPROTOCOL_ENGINES = byName(EngineProfile::subprotocols);

    /** {@code jdbc:<wrapper>:<engine subprotocol>:<rest>}: a wrapping driver's URL around an engine's. */
    private static final Pattern WRAPPED_URL = Pattern.compile(
            "jdbc:([a-z0-9]+):(" + SUBPROTOCOL_ALTERNATIVES + "):(.*)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ENGINE_URL = Pattern.compile("(?i)jdbc:(" + SUBPROTOCOL_ALTERNATIVES + "):");

    private static final Pattern JDBC_PREFIX = Pattern.compile("jdbc:([a-z0-9]+):", Pattern.CASE_INSENSITIVE);
    private static final Pattern H2_SHORT = Pattern.compile("h2:(?:mem|file):.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCHEME_URL =
            Pattern.compile("([a-z][a-z0-9]*)(?:\\+[\\w.\\-]+)?://(.*)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** {@code jdbc:x:[mode:]//rest}: the URLs with an authority (PostgreSQL, MariaDB, SQL Server, H2 server). */
    private static final Pattern AUTHORITY_URL =
            Pattern.compile("(jdbc:[a-z0-9]+:(?:[a-z]+:)?//)(.*)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** One {@code host[:port]}, IPv6 in brackets; anything else (lists, MariaDB address=...) is several hosts. */
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[^\\]]*\\]|[^:,()=\\[\\]]*)(?::([^:,()]*))?");
    private static final Pattern ORACLE_URL = Pattern.compile(
            "(jdbc:oracle:[a-z0-9]+:)(?:(\"[^\"]*\"|[^/@\"]*)(?:/(\"[^\"]*\"|[^@\"]*))?)?@(.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ORACLE_TARGET = Pattern.compile(
            "(?:(?:tcps?:)?//)?(\\[[^\\]]+\\]|[\\w.\\-]+)(?::(\\d*))?(?:[/:]([\\w.\\-$#]+))?.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern DIGITS = Pattern.compile("\\d{1,5}");
    /** A host piece: a name, an IPv4 or (bracketed or not) IPv6 address, SQL Server's host\\instance. */
    private static final Pattern HOST_PIECE = Pattern.compile("[\\w.\\-]+(?:\\\\[\\w.\\-$]+)?|\\[?[0-9A-Fa-f:.]+]?");

    private JdbcUrl() {
    }

    /** Each name (lower case) the profiles list, to its profile; a name listed twice is a bug in the profiles. */
    private static Map<String, EngineProfile> byName(Function<EngineProfile, List<String>> names) {
        Map<String, EngineProfile> out = new HashMap<>();
        for (EngineProfile p : EngineProfile.all()) {
            for (String name : names.apply(p)) {
                if (out.put(name, p) != null) {
                    throw new IllegalStateException("URL name '" + name + "' is claimed by two engine profiles");
                }
            }
        }
        return Map.copyOf(out);
    }

    /**
     * Resolves the URL, engine and credentials of a label and checks that every piece given
     * agrees with the URL. Any argument may be {@code null}.
     *
     * @param label    the label, for messages
     * @param engine   the engine, or {@code null} to infer it from the URL
     * @param url      a {@code jdbc:} URL or a scheme URL (see the class comment)
     * @param urlKey   the key the user wrote the URL under ({@code url} or
     *                 {@code connection_string}), named by errors about it
     * @param host     the host piece
     * @param port     the port piece
     * @param database the db piece
     * @param user     the user piece
     * @param password the password piece
     * @return the resolved location and credentials
     * @throws ConfigurationException {@code "Database '<label>': <key> <problem>"}; the message
     *     never holds a password
     */
    public static Resolved resolve(String label, Engine engine, String url, String urlKey, String host, Integer port,
            String database, String user, String password) {
        Resolver r = new Resolver(label, urlKey == null ? "url" : urlKey);
        r.checkPieces(host, port, database);
        Parsed p;
        if (url == null) {
            if (engine == null) {
                throw r.error("engine", "is needed when no url/connection_string is given (one of postgresql,"
                        + " oracle, sqlserver, h2, mariadb)");
            }
            p = r.parseJdbc(new Parsed(), r.fromPieces(engine, host, port, database, false));
        } else {
            p = r.parse(url);
            r.checkAgrees(p, engine, host, port, database);
        }
        return new Resolved(p.engine, p.url, r.agree("user", user, p.user), r.agree("password", password, p.password),
                p.properties);
    }

    /**
     * Resolves the URL of a wrapping driver named by {@code driver_class} (P6Spy's
     * {@code jdbc:p6spy:postgresql://...}, log4jdbc's, OpenTelemetry's {@code jdbc:otel:...}), which
     * goes to that driver as written, except for its secrets: when it wraps one of the five engines'
     * URLs, the user, the password and secret-named parameters move out of it exactly as they do
     * from the engine's own URL (wrapping drivers hand the connection properties on to the driver
     * they wrap), so that no driver, pool or log line ever sees a password in the URL. The wrapped
     * subprotocol stays as written ({@code jdbc:p6spy:mysql:} is not rewritten, the wrapper chooses
     * the driver). Any other URL is kept whole; {@link Secrets#redact} masks what it can of it in messages.
     *
     * @param label    the label, for messages
     * @param engine   the engine given, or {@code null} to infer it from the wrapped URL
     * @param url      a {@code jdbc:} URL that is not an engine's own ({@link #isEngineUrl} false)
     * @param urlKey   the key the user wrote the URL under, named by errors about it
     * @param user     the user piece, or {@code null}
     * @param password the password piece, or {@code null}
     * @return the URL without secrets, the engine (given, else inferred, else {@code null}), the
     *     credentials and the secret properties taken out of the URL
     * @throws ConfigurationException when the wrapped URL is malformed or contradicts the pieces
     */
    public static Resolved resolveWrapped(String label, Engine engine, String url, String urlKey, String user,
            String password) {
        Matcher m = url == null ? null : WRAPPED_URL.matcher(url);
        if (m == null || !m.matches() || isEngineUrl(url)) {
            return new Resolved(engine, url, user, password, Map.of());
        }
        Resolved inner = resolve(label, engine, "jdbc:" + m.group(2) + ":" + m.group(3), urlKey, null, null, null,
                user, password);
        String resolved = inner.jdbcUrl();
        String afterSubprotocol = resolved.substring(resolved.indexOf(':', "jdbc:".length()) + 1);
        return new Resolved(engine == null ? inner.engine() : engine,
                "jdbc:" + m.group(1) + ":" + m.group(2) + ":" + afterSubprotocol, inner.user(), inner.password(),
                inner.properties());
    }

    /**
     * @param url a {@code jdbc:} URL
     * @return whether its subprotocol is one of the five engines' ({@code jdbc:mysql:} included)
     */
    public static boolean isEngineUrl(String url) {
        return ENGINE_URL.matcher(url).lookingAt();
    }

    /**
     * @param scheme a URL scheme or engine-like word, such as {@code postgres} or {@code mysql}
     * @return the engine it stands for, or {@code null}
     */
    public static Engine engineForScheme(String scheme) {
        EngineProfile p = scheme == null ? null : SCHEME_ENGINES.get(scheme.toLowerCase(Locale.ROOT));
        return p == null ? null : p.engine();
    }

    /** What a URL says, after secrets were moved out of it; {@code db} normalised for H2. */
    private static final class Parsed {
        Engine engine;
        EngineProfile profile;
        String url;
        String host;
        Integer port;
        String db;
        String user;
        String password;
        final Map<String, String> properties = new LinkedHashMap<>();
    }

    /** One resolution: the label and URL key for messages, and the URL as given. */
    private static final class Resolver {
        private final String label;
        private final String urlKey;
        private String given;

        Resolver(String label, String urlKey) {
            this.label = label;
            this.urlKey = urlKey;
        }

        ConfigurationException error(String key, String problem) {
            return new ConfigurationException(label, key, "Database '" + label + "': " + key + " " + problem);
        }

        /** An error about the URL, which it shows with every secret masked. */
        ConfigurationException malformed(String problem) {
            return error(urlKey, problem + ": " + Secrets.redactUrl(given));
        }

        void checkPieces(String host, Integer port, String database) {
            if (host != null && !HOST_PIECE.matcher(host).matches()) {
                throw error("host", "must be a host name or IP address, but is '" + host + "'");
            }
            if (database != null && database.isBlank()) {
                throw error("db", "must not be blank");
            }
            if (port != null && (port < 1 || port > MAX_PORT)) {
                throw error("port", "must be between 1 and " + MAX_PORT + ", but is " + port);
            }
        }

        Parsed parse(String url) {
            if (url.isBlank()) {
                throw error(urlKey, "must not be blank");
            }
            given = url.strip();
            if (JDBC_PREFIX.matcher(given).lookingAt()) {
                return parseJdbc(new Parsed(), given);
            }
            if (H2_SHORT.matcher(given).matches()) {
                return parseJdbc(new Parsed(), "jdbc:" + given);
            }
            Matcher m = SCHEME_URL.matcher(given);
            if (!m.matches()) {
                throw malformed("is neither a jdbc: URL nor scheme://user:password@host:port/db");
            }
            return parseScheme(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }

        /** SQLAlchemy form: takes credentials and query, then parses the equivalent jdbc: URL. */
        private Parsed parseScheme(String scheme, String rest) {
            Parsed p = new Parsed();
            p.profile = SCHEME_ENGINES.get(scheme);
            if (p.profile == null) {
                throw malformed("has the unsupported scheme '" + scheme + "' (supported: " + SCHEMES
                        + ", each optionally with +driver, or a jdbc: URL)"
                        + ("sqlite".equals(scheme) ? "; " + SQLITE_HINT : ""));
            }
            p.engine = p.profile.engine();
            int q = rest.indexOf('?');
            String head = takeUserInfo(p, q < 0 ? rest : rest.substring(0, q));
            int slash = head.indexOf('/');
            String db = slash < 0 || slash == head.length() - 1 ? null : decode(head.substring(slash + 1), false);
            for (String pair : q < 0 ? List.<String>of() : split(rest.substring(q + 1), '&')) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
                if (name.equalsIgnoreCase(p.profile.schemeDatabaseParameter())) {
                    if (db != null && !db.equals(value)) {
                        throw malformed("names the database twice, as the path and as "
                                + p.profile.schemeDatabaseParameter());
                    }
                    db = value;
                } else if (!name.isEmpty() && !takeCredential(p, name, value)) {
                    p.properties.put(name, value);
                }
            }
            setHostPort(p, slash < 0 ? head : head.substring(0, slash));
            if (p.host == null && p.profile.urlGrammar() != UrlGrammar.H2) {
                throw malformed("names no host");
            }
            return parseJdbc(p, fromPieces(p.engine, p.host, p.port, db, true));
        }

        /** Builds a jdbc: URL from pieces; {@code inUrl} says errors are about the URL, not the keys. */
        String fromPieces(Engine engine, String host, Integer port, String db, boolean inUrl) {
            EngineProfile profile = EngineProfile.of(engine);
            if (db == null) {
                throw inUrl ? malformed("names no database (/db)")
                        : error("db", "is needed when no url/connection_string is given");
            }
            if (profile.urlGrammar() == UrlGrammar.H2 && host == null) {
                if (db.equals(":memory:")) {
                    return "jdbc:h2:mem:" + label + ";DB_CLOSE_DELAY=-1";
                }
                if (startsWithIgnoreCase(db, "mem:")) {
                    return "jdbc:h2:" + db + (db.toUpperCase(Locale.ROOT).contains("DB_CLOSE_DELAY") ? ""
                            : ";DB_CLOSE_DELAY=-1");
                }
                return startsWithIgnoreCase(db, "file:") ? "jdbc:h2:" + db : "jdbc:h2:file:" + db;
            }
            if (host == null) {
                throw error("host", "is needed for " + engine.key() + " when no url/connection_string is given");
            }
            String hostPort = (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":"
                    + (port == null ? engine.defaultPort() : port);
            return profile.urlFromPieces(hostPort, db);
        }

        /** Fills {@code p} from a jdbc: URL, moving secrets out of it. */
        Parsed parseJdbc(Parsed p, String jdbc) {
            given = given == null ? jdbc : given;
            Matcher m = JDBC_PREFIX.matcher(jdbc);
            if (!m.lookingAt()) {
                throw malformed("is not a jdbc: URL");
            }
            String sub = m.group(1).toLowerCase(Locale.ROOT);
            p.profile = SUBPROTOCOL_ENGINES.get(sub);
            if (p.profile == null) {
                throw malformed("has the unsupported JDBC subprotocol 'jdbc:" + sub + "' (supported: " + SUBPROTOCOLS
                        + ", or scheme://host/db with scheme " + SCHEMES + ")"
                        + ("sqlite".equals(sub) ? "; " + SQLITE_HINT : ""));
            }
            p.engine = p.profile.engine();
            String body = "jdbc:" + p.profile.subprotocols().get(0) + ":" + jdbc.substring(m.end());
            p.url = switch (p.profile.urlGrammar()) {
                case ORACLE_THIN -> parseOracle(p, body);
                case H2 -> parseH2(p, body);
                case AUTHORITY_SETTINGS -> parseAuthority(p, body, ';');
                case AUTHORITY_QUERY -> parseAuthority(p, body, '?');
            };
            return p;
        }

        /** PostgreSQL, MariaDB, SQL Server: {@code jdbc:x:[mode:]//[userinfo@]hosts[/db][params]}. */
        private String parseAuthority(Parsed p, String body, char paramStart) {
            int start = body.indexOf(paramStart);
            String head = start < 0 ? body : body.substring(0, start);
            char separator = paramStart == '?' ? '&' : ';';
            String params = start < 0 ? "" : keepParameters(p, body.substring(start + 1), separator);
            String tail = params.isEmpty() ? "" : paramStart + params;
            Matcher m = AUTHORITY_URL.matcher(head);
            if (!m.matches()) {
                String prefix = "jdbc:" + p.profile.subprotocols().get(0) + ":";
                if (!p.profile.acceptsHostlessUrl()) {
                    throw malformed("has no //host after '" + prefix + "'");
                }
                // jdbc:postgresql:db names no host (the driver uses localhost)
                p.db = head.substring(prefix.length());
                return head + tail;
            }
            String rest = takeUserInfo(p, m.group(2));
            int slash = rest.indexOf('/');
            setHostPort(p, slash < 0 ? rest : rest.substring(0, slash));
            if (slash >= 0 && p.profile.urlGrammar() == UrlGrammar.AUTHORITY_SETTINGS) {
                throw malformed("names the database as /db, but SQL Server URLs name it as ;databaseName=db");
            }
            if (slash >= 0) {
                p.db = rest.substring(slash + 1);
            }
            return m.group(1) + rest + tail;
        }

        /** H2: {@code jdbc:h2:{mem:|file:|tcp://|ssl://|path}[;settings]}. */
        private String parseH2(Parsed p, String body) {
            int semi = body.indexOf(';');
            String spec = (semi < 0 ? body : body.substring(0, semi)).substring("jdbc:h2:".length());
            String settings = semi < 0 ? "" : keepParameters(p, body.substring(semi + 1), ';');
            if (startsWithIgnoreCase(spec, "tcp://") || startsWithIgnoreCase(spec, "ssl://")) {
                String rest = takeUserInfo(p, spec.substring(6));
                int slash = rest.indexOf('/');
                setHostPort(p, slash < 0 ? rest : rest.substring(0, slash));
                p.db = slash < 0 ? null : rest.substring(slash + 1);
                spec = spec.substring(0, 6) + rest;
            } else {
                p.db = embeddedH2(spec);
            }
            return "jdbc:h2:" + spec + (settings.isEmpty() ? "" : ";" + settings);
        }

        /** Oracle: {@code jdbc:oracle:thin:[user[/password]]@target[?params]}. */
        private String parseOracle(Parsed p, String body) {
            Matcher m = ORACLE_URL.matcher(body);
            if (!m.matches()) {
                throw malformed("has no @ before the database address (jdbc:oracle:thin:@//host:port/service)");
            }
            if (m.group(2) != null && !m.group(2).isEmpty()) {
                setCredential(p, true, unquote(m.group(2)));
            }
            if (m.group(3) != null) {
                setCredential(p, false, unquote(m.group(3)));
            }
            String target = m.group(4);
            int q = target.indexOf('?');
            String params = q < 0 ? "" : keepParameters(p, target.substring(q + 1), '&');
            target = q < 0 ? target : target.substring(0, q);
            Matcher t = ORACLE_TARGET.matcher(target);
            boolean aliasOrDescriptor = target.startsWith("(") || target.indexOf('/') < 0 && target.indexOf(':') < 0;
            if (!aliasOrDescriptor && t.matches()) {
                p.host = unbracket(t.group(1));
                p.port = port(t.group(2), p.engine);
                p.db = t.group(3);
            }
            return m.group(1) + "@" + target + (params.isEmpty() ? "" : "?" + params);
        }

        /** Takes {@code user[:password]@} off the front, returning what follows it. */
        private String takeUserInfo(Parsed p, String text) {
            int at = text.lastIndexOf('@');
            if (at < 0) {
                return text;
            }
            String userInfo = text.substring(0, at);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                setCredential(p, false, decode(userInfo.substring(colon + 1), false));
            }
            String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), false);
            if (!user.isEmpty()) {
                setCredential(p, true, user);
            }
            return text.substring(at + 1);
        }

        /**
         * One {@code host[:port]} sets host and port; several hosts (or none) leave them unset. An
         * unclosed or stray IPv6 bracket is an error here: the driver would only refuse the URL at
         * the first connection.
         */
        private void setHostPort(Parsed p, String hostPort) {
            if (!bracketsPaired(hostPort)) {
                throw malformed("has an unclosed '[' or a stray ']' in its host (IPv6 addresses are written in"
                        + " brackets, as [::1]:5432)");
            }
            Matcher m = HOST_PORT.matcher(hostPort);
            if (m.matches() && !m.group(1).isEmpty()) {
                p.host = unbracket(m.group(1));
                p.port = port(m.group(2), p.engine);
            }
        }

        private Integer port(String text, Engine engine) {
            if (text == null || text.isEmpty()) {
                return engine.defaultPort();
            }
            int port = DIGITS.matcher(text).matches() ? Integer.parseInt(text) : 0;
            if (port < 1 || port > MAX_PORT) {
                throw malformed("has the port '" + text + "', which is not a number between 1 and " + MAX_PORT);
            }
            return port;
        }

        /**
         * Moves credentials and secret-named parameters out of a parameter list into {@code p} and
         * returns the others, as written. Only pgJDBC percent-decodes values; {@code ;} lists (SQL
         * Server) may hold {@code {braced}} values.
         */
        private String keepParameters(Parsed p, String params, char separator) {
            StringBuilder kept = new StringBuilder();
            for (String pair : split(params, separator)) {
                int eq = pair.indexOf('=');
                String name = (eq < 0 ? pair : pair.substring(0, eq)).strip();
                String raw = eq < 0 ? "" : pair.substring(eq + 1);
                String value = p.profile.decodesParameterValues() ? decode(raw, true) : unbrace(raw);
                if (p.profile.urlGrammar() == UrlGrammar.AUTHORITY_SETTINGS
                        && (name.equalsIgnoreCase("databaseName") || name.equalsIgnoreCase("database"))) {
                    p.db = value;
                }
                if (takeCredential(p, name, value)) {
                    continue;
                }
                if (Secrets.isSecretName(name)) {
                    p.properties.put(name, value);
                } else if (!pair.isEmpty()) {
                    kept.append(kept.length() == 0 ? "" : String.valueOf(separator)).append(pair);
                }
            }
            return kept.toString();
        }

        /** Takes {@code user}, {@code username} or {@code password} (any case); false for other names. */
        private boolean takeCredential(Parsed p, String name, String value) {
            boolean isUser = name.equalsIgnoreCase("user") || name.equalsIgnoreCase("username");
            if (!isUser && !name.equalsIgnoreCase("password")) {
                return false;
            }
            setCredential(p, isUser, value);
            return true;
        }

        private void setCredential(Parsed p, boolean isUser, String value) {
            String before = isUser ? p.user : p.password;
            if (before != null && !before.equals(value)) {
                throw malformed("gives the " + (isUser ? "user" : "password") + " twice, with different values");
            }
            if (isUser) {
                p.user = value;
            } else {
                p.password = value;
            }
        }

        /** Checks the engine and the host/port/db pieces against what the URL says. */
        void checkAgrees(Parsed p, Engine engine, String host, Integer port, String db) {
            if (engine != null && engine != p.engine) {
                throw error("engine", "'" + engine.key() + "' contradicts the " + urlKey + ", which is for "
                        + p.engine.key());
            }
            if (host != null && !unbracket(host).equalsIgnoreCase(p.host == null ? "" : p.host)) {
                throw contradiction("host", "'" + host + "'", p.host == null ? "no single host"
                        : "host '" + p.host + "'");
            }
            if (port != null && !port.equals(p.port)) {
                throw contradiction("port", String.valueOf(port), p.port == null ? "no port" : "port " + p.port);
            }
            if (db != null && !sameDatabase(p, db)) {
                throw contradiction("db", "'" + db + "'", p.db == null ? "no database" : "database '" + p.db + "'");
            }
        }

        /** For embedded H2, {@code :memory:} matches any in-memory URL and a bare path a file URL. */
        private static boolean sameDatabase(Parsed p, String db) {
            if (p.profile.urlGrammar() != UrlGrammar.H2 || p.host != null || p.db == null) {
                return db.equals(p.db);
            }
            if (db.equals(":memory:")) {
                return startsWithIgnoreCase(p.db, "mem:");
            }
            return p.db.equals(embeddedH2(db));
        }

        private ConfigurationException contradiction(String key, String piece, String urlSays) {
            return error(key, piece + " contradicts the " + urlKey + ", which names " + urlSays);
        }

        /** A credential given both as a piece and in the URL must be the same; never shows a password. */
        String agree(String key, String piece, String fromUrl) {
            if (piece == null || fromUrl == null || piece.equals(fromUrl)) {
                return piece == null ? fromUrl : piece;
            }
            throw error(key, key.equals("password") ? "differs from the password in the " + urlKey
                    + "; give it in one place" : "'" + piece + "' contradicts the " + urlKey + ", which names user '"
                    + fromUrl + "'");
        }

        /** Percent-decodes; {@code form} also turns {@code +} into a space, as query strings do. */
        private String decode(String text, boolean form) {
            try {
                return URLDecoder.decode(form ? text : text.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw malformed("has a malformed %-escape");
            }
        }
    }

    /**
     * Splits a parameter list, dropping empty parts; in a {@code ;} list a {@code {braced}} value
     * may hold {@code ;}, and a doubled closing brace inside it is an escaped one (SQL Server's rule).
     */
    private static List<String> split(String params, char separator) {
        List<String> parts = new ArrayList<>();
        boolean braced = false;
        int from = 0;
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            if (separator == ';' && c == '{' && !braced) {
                braced = true;
            } else if (braced && c == '}') {
                if (i + 1 < params.length() && params.charAt(i + 1) == '}') {
                    i++;
                } else {
                    braced = false;
                }
            } else if (c == separator && !braced) {
                parts.add(params.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(params.substring(from));
        parts.removeIf(String::isEmpty);
        return parts;
    }

    /** Whether every {@code [} is closed by a {@code ]} before the next {@code [}, and no {@code ]} is stray. */
    private static boolean bracketsPaired(String text) {
        boolean open = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[' || c == ']') {
                if (open == (c == '[')) {
                    return false;
                }
                open = !open;
            }
        }
        return !open;
    }

    /** An embedded H2 database as {@code mem:name} or {@code file:path}; {@code jdbc:h2:path} means a file. */
    private static String embeddedH2(String spec) {
        return startsWithIgnoreCase(spec, "mem:") || startsWithIgnoreCase(spec, "file:") ? spec : "file:" + spec;
    }

    private static boolean startsWithIgnoreCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static String unbrace(String value) {
        return value.length() >= 2 && value.startsWith("{") && value.endsWith("}")
                ? value.substring(1, value.length() - 1).replace("}}", "}") : value;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
