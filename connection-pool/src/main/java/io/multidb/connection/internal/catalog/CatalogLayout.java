package io.multidb.connection.internal.catalog;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.SecretResolutionException;
import io.multidb.connection.SecretResolver;
import io.multidb.connection.internal.Suggestions;
import io.multidb.connection.internal.config.Key;
import io.multidb.connection.internal.config.Keys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a catalog keeps its tenants: the table, the tenant id column, which column holds which
 * configuration key, the settings every tenant gets, and how a stored password becomes the
 * password. Turns one row into a validated {@link DatabaseConfig}, or into a
 * {@link ConfigurationException} that names the tenant and the column and never the password.
 *
 * <p>Rows are read with {@code select *}, so a column whose name is a reserved word (MariaDB's
 * {@code schema}) needs quoting only where the table is created; only the tenant id column and the
 * table appear in the SQL, and both are checked to be plain identifiers.
 *
 * <p>Thread-safety: immutable; the resolver it holds must be thread-safe.
 */
public final class CatalogLayout {
    /** Table and column names: plain identifiers, a table optionally qualified by its schema. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** The columns read when present, and the key each holds. */
    private static final Map<String, String> DEFAULT_COLUMNS = defaultColumns();
    /** Keys a column cannot hold: the tenant id is the label, and driver properties are a map. */
    private static final List<String> NOT_FROM_A_COLUMN = List.of(Keys.LABEL.name(), Keys.PROPERTIES.name());

    private final String catalogLabel;
    private final String table;
    private final String tenantIdColumn;
    /** key → column, in key-table order. */
    private final Map<String, Column> columns;
    private final Map<String, Object> defaults;
    private final SecretResolver secrets;

    private CatalogLayout(String catalogLabel, String table, String tenantIdColumn, Map<String, Column> columns,
            Map<String, Object> defaults, SecretResolver secrets) {
        this.catalogLabel = catalogLabel;
        this.table = table;
        this.tenantIdColumn = tenantIdColumn;
        this.columns = columns;
        this.defaults = defaults;
        this.secrets = secrets;
    }

    /**
     * @param catalogLabel   the label the catalog is read from, for messages
     * @param table          the table, {@code name} or {@code schema.name}
     * @param tenantIdColumn the column of the tenant id (the label)
     * @param explicit       key → column named by the application; each must exist in the table
     * @param defaults       settings every tenant gets unless its row sets them
     * @param secrets        resolves the password column
     * @return the layout
     * @throws IllegalArgumentException for a name that is not a plain identifier, an unknown key, or a
     *     key no column can hold
     */
    public static CatalogLayout of(String catalogLabel, String table, String tenantIdColumn,
            Map<String, String> explicit, Map<String, ?> defaults, SecretResolver secrets) {
        checkTable(table);
        checkIdentifier("tenant id column", tenantIdColumn);
        Map<String, Column> columns = new LinkedHashMap<>();
        Map<String, String> given = new LinkedHashMap<>();
        explicit.forEach((key, column) -> {
            checkIdentifier("column for key '" + key + "'", column);
            given.put(canonicalKey(key, "column(...)"), column);
        });
        for (Key<?> key : Keys.ALL) {
            String name = key.name();
            if (given.containsKey(name)) {
                columns.put(name, new Column(given.get(name).toLowerCase(Locale.ROOT), true));
            } else if (DEFAULT_COLUMNS.containsKey(name)) {
                columns.put(name, new Column(DEFAULT_COLUMNS.get(name), false));
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        defaults.forEach((key, value) -> settings.put(canonicalKey(key, "defaults(...)"), value));
        return new CatalogLayout(catalogLabel, table, tenantIdColumn.toLowerCase(Locale.ROOT),
                java.util.Collections.unmodifiableMap(columns), java.util.Collections.unmodifiableMap(settings),
                secrets);
    }

    /**
     * @return the query for one tenant, one {@code ?} for its id
     */
    public String selectOne() {
        return "select * from " + table + " where " + tenantIdColumn + " = ?";
    }

    /**
     * @return the query for every tenant
     */
    public String selectAll() {
        return "select * from " + table;
    }

    /**
     * @param row a row as {@code Session.query} returns it (lower-case column names)
     * @return its tenant id as text, or {@code null} when the column is NULL
     * @throws ConfigurationException when the table has no tenant id column
     */
    public String tenantId(Map<String, Object> row) {
        if (!row.containsKey(tenantIdColumn)) {
            throw new ConfigurationException(catalogLabel, tenantIdColumn, "Catalog table " + table + " (label '"
                    + catalogLabel + "') has no tenant id column '" + tenantIdColumn + "'; its columns are "
                    + row.keySet() + "." + Suggestions.didYouMean(tenantIdColumn, row.keySet()));
        }
        Object id = row.get(tenantIdColumn);
        return id == null ? null : id.toString();
    }

    /**
     * Builds one tenant's configuration from its row.
     *
     * @param tenant the tenant id, which becomes the label
     * @param row    the row
     * @return the validated configuration
     * @throws ConfigurationException naming the tenant and the column at fault; never the password
     */
    public DatabaseConfig toConfig(String tenant, Map<String, Object> row) {
        Map<String, Object> settings = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, Column> e : columns.entrySet()) {
            String key = e.getKey();
            Column column = e.getValue();
            if (!row.containsKey(column.name)) {
                if (column.required) {
                    throw fail(tenant, column.name, "the table has no such column (configured for key '" + key
                            + "'); its columns are " + row.keySet() + "."
                            + Suggestions.didYouMean(column.name, row.keySet()));
                }
                continue;
            }
            Object value = row.get(column.name);
            if (value == null) {
                continue;
            }
            settings.put(key, key.equals(Keys.PASSWORD.name()) ? password(tenant, column.name, value) : value);
        }
        try {
            return DatabaseConfig.fromMap(tenant, settings);
        } catch (ConfigurationException e) {
            String column = e.key() == null ? null : e.key().equals(Keys.LABEL.name()) ? tenantIdColumn
                    : columns.containsKey(e.key()) && row.containsKey(columns.get(e.key()).name)
                            ? columns.get(e.key()).name : null;
            throw column == null
                    ? new ConfigurationException(tenant, e.key(), where(tenant) + ": " + e.getMessage())
                    : fail(tenant, column, e.getMessage());
        }
    }

    private String password(String tenant, String column, Object stored) {
        if (!(stored instanceof CharSequence text)) {
            throw fail(tenant, column, "must be text, but is a " + stored.getClass().getSimpleName()
                    + " (value not shown)");
        }
        try {
            String plain = secrets.resolve(text.toString());
            if (plain == null) {
                throw fail(tenant, column, "the secret resolver " + secrets + " returned null");
            }
            return plain;
        } catch (SecretResolutionException e) {
            throw withCause(fail(tenant, column, e.getMessage()), e);
        } catch (ConfigurationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw withCause(fail(tenant, column, "the secret resolver " + secrets + " failed with "
                    + e.getClass().getName() + " (message not shown; see the cause)"), e);
        }
    }

    private ConfigurationException fail(String tenant, String column, String problem) {
        return new ConfigurationException(tenant, column, where(tenant) + ", column '" + column + "': " + problem);
    }

    private String where(String tenant) {
        return "Tenant '" + tenant + "' in catalog table " + table + " (label '" + catalogLabel + "')";
    }

    private static ConfigurationException withCause(ConfigurationException e, Throwable cause) {
        e.initCause(cause);
        return e;
    }

    /**
     * @return the table
     */
    public String table() {
        return table;
    }

    /**
     * @return the tenant id column, in lower case
     */
    public String tenantIdColumn() {
        return tenantIdColumn;
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        columns.forEach((k, c) -> shown.put(k, c.name + (c.required ? "" : "?")));
        return "table=" + table + ", tenantId=" + tenantIdColumn + ", columns=" + shown + ", defaults="
                + defaults.keySet() + ", secretResolver=" + secrets;
    }

    private static String canonicalKey(String key, String where) {
        List<String> names = new ArrayList<>();
        for (Key<?> k : Keys.ALL) {
            if (k.name().equals(key) || k.aliases().contains(key)) {
                if (NOT_FROM_A_COLUMN.contains(k.name())) {
                    throw new IllegalArgumentException(where + ": key '" + key + "' cannot come from the catalog"
                            + (k.name().equals(Keys.LABEL.name()) ? " (the tenant id is the label)" : ""));
                }
                return k.name();
            }
            names.add(k.name());
        }
        throw new IllegalArgumentException(where + ": unknown configuration key '" + key + "'."
                + Suggestions.didYouMean(key, names));
    }

    private static void checkTable(String table) {
        if (table == null) {
            throw new IllegalArgumentException("The catalog table must not be null");
        }
        String[] parts = table.split("\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("The catalog table must be name or schema.name, but is '" + table + "'");
        }
        for (String part : parts) {
            checkIdentifier("catalog table", part);
        }
    }

    private static void checkIdentifier(String what, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("The " + what + " must be a plain identifier (letters, digits, _;"
                    + " not starting with a digit), but is " + (name == null ? "null" : "'" + name + "'"));
        }
    }

    private static Map<String, String> defaultColumns() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String key : List.of("engine", "host", "port", "db", "password", "schema", "pool_size", "max_overflow",
                "pool_timeout")) {
            m.put(key, key);
        }
        // "user" is reserved in PostgreSQL (select user is current_user); username is the key's alias
        m.put(Keys.USER.name(), "username");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** A column and whether the table must have it (named by the application) or may lack it (a default). */
    private record Column(String name, boolean required) {
    }
}
