package io.multidb.connection;

/**
 * Rows of a result cannot be turned into the type asked for: a record component or bean property
 * with no column to read it from, a NULL for a primitive, a value that is not a constant of the
 * enum or not a UUID, several columns for a single value, or a type that is neither a record, a
 * bean nor a single-column value. Sessions and DAOs map rows the same way and throw it with the same
 * message for the same mistake.
 *
 * <pre>{@code
 * record User(long id, String name) { }
 * try (Session s = DatabaseManager.getSession("users")) {
 *     s.query(User.class, "select id from users");
 * } catch (RowMappingException e) {
 *     // Database 'users': cannot map rows with columns [ID] to record User: no column for component 'name' ...
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class RowMappingException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    private final String label;

    /**
     * @param label   the label the query ran on, or {@code null} when not known
     * @param message what cannot be mapped, and how to fix it
     */
    public RowMappingException(String label, String message) {
        super(label == null ? message : "Database '" + label + "': " + message);
        this.label = label;
    }

    /**
     * @param label   the label the query ran on, or {@code null} when not known
     * @param message what cannot be mapped, and how to fix it
     * @param cause   the underlying failure
     */
    public RowMappingException(String label, String message, Throwable cause) {
        super(label == null ? message : "Database '" + label + "': " + message, cause);
        this.label = label;
    }

    /**
     * @return the label the query ran on, or {@code null} when not known
     */
    public String label() {
        return label;
    }
}
