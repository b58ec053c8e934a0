package io.multidb.connection.spi;

import java.util.Map;

/**
 * A statement with {@code :name} parameters rewritten to positional {@code ?} ones, as sessions
 * run it: made by {@link StatementEngine#named(String)}.
 *
 * <pre>{@code
 * NamedStatement st = StatementEngine.named("select * from users where name = :name");
 * engine.query(connection, StatementEngine.rowMapping(User.class), st.sql(), st.arguments(Map.of("name", "Ada")), 0);
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public interface NamedStatement {

    /**
     * @return the statement with {@code ?} placeholders
     */
    String sql();

    /**
     * Takes the values of the parameters from a map, refusing missing and unused keys.
     *
     * @param values name to value; a value may be {@code null}
     * @return one value per placeholder
     * @throws io.multidb.connection.StatementParameterException when a name has no value or a key
     *     is not used (without a label: see {@link ErrorTranslation#labelled})
     */
    Object[] arguments(Map<String, ?> values);
}
