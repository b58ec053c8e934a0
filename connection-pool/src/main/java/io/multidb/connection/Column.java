package io.multidb.connection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the column a record component or bean property is read from (and, for {@code EntityDao},
 * stored in) when the default does not fit. By default a component or property {@code createdAt}
 * matches a column {@code created_at}, {@code CREATED_AT} or {@code createdat} (case and
 * underscores are ignored), and {@code EntityDao} stores it in {@code created_at}.
 *
 * <pre>{@code
 * public record User(long id, @Column("mail") String emailAddress) { }
 * List<User> users = session.query(User.class, "select id, mail from users");
 *
 * public class Account {                       // a bean: on the field or on the setter
 *     @Column("acct_no") private String number;
 *     public void setNumber(String number) { this.number = number; }
 * }
 * }</pre>
 *
 * <p>Honoured by every typed query: {@link Session#query(Class, String, Object...)}, the typed
 * helpers of {@code DaoBase} and {@code EntityDao}. The name must be a plain identifier
 * ({@code [A-Za-z_][A-Za-z0-9_]*}).
 *
 * <p>Thread-safety: an annotation; immutable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface Column {
    /**
     * @return the column name
     */
    String value();
}
