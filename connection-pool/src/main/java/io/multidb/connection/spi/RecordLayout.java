package io.multidb.connection.spi;

import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A record type taken apart once, as sessions map rows to records: its components in declaration
 * order, how each reads a column, and its canonical constructor. Made by
 * {@link StatementEngine#recordLayout(Class)}, cached per class.
 *
 * <pre>{@code
 * RecordLayout layout = StatementEngine.recordLayout(User.class);
 * Object[] values = new Object[layout.components().size()];
 * for (int k = 0; k < values.length; k++) {
 *     values[k] = layout.components().get(k).read(rs, k + 1);
 * }
 * User user = (User) layout.construct(values);
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public interface RecordLayout {

    /**
     * @return the components, in declaration order
     */
    List<? extends Component> components();

    /**
     * @param args one value per component, in order
     * @return the new record
     * @throws io.multidb.connection.RowMappingException when the constructor rejects the values
     */
    Object construct(Object[] args);

    /**
     * One component of a record.
     *
     * <p>Thread-safety: immutable.
     */
    interface Component {
        /** @return the component's name */
        String name();

        /** @return its type */
        Class<?> type();

        /** @return the column name given by {@link io.multidb.connection.Column}, or {@code null} */
        String column();

        /** @return the reflected component, for its annotations */
        RecordComponent source();

        /**
         * Reads a column as this component's type, exactly as a session's typed query does.
         *
         * @param rs     a result set, on a row
         * @param column 1-based column index
         * @return the value, boxed, or {@code null}
         * @throws SQLException when the driver cannot read or convert the column
         */
        Object read(ResultSet rs, int column) throws SQLException;

        /**
         * @param record a record of the layout's type
         * @return this component's value in it
         */
        Object valueOf(Object record);
    }
}
