package io.multidb.connection;

/**
 * A statement's parameters and the values given for them do not match, found before anything is
 * sent to the database: a named parameter with no value in the map, a key of the map that the
 * statement does not use, positional {@code ?} and named {@code :name} parameters mixed in one
 * statement, or no map at all. Sessions and DAOs throw it with the same message for the same
 * mistake.
 *
 * <pre>{@code
 * try (Session s = DatabaseManager.getSession("orders")) {
 *     s.query("select * from orders where id = :id", Map.of("ID", 42));
 * } catch (StatementParameterException e) {
 *     // Database 'orders': no value for parameter(s) [:id] in the map (keys [ID]) of: select ...
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class StatementParameterException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    private final String label;

    /**
     * @param label   the label the statement was for, or {@code null} when not known
     * @param message what does not match, naming the statement
     */
    public StatementParameterException(String label, String message) {
        super(label == null ? message : "Database '" + label + "': " + message);
        this.label = label;
    }

    /**
     * @return the label the statement was for, or {@code null} when not known
     */
    public String label() {
        return label;
    }
}
