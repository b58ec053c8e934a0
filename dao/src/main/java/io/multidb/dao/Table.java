package io.multidb.dao;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the table an {@link EntityDao} record is stored in.
 *
 * <pre>{@code
 * @Table("users")
 * public record User(@Id(generated = true) Long id, String name, String emailAddress) {
 * }
 *
 * @Table("billing.invoices")   // schema-qualified
 * public record Invoice(@Id UUID id, BigDecimal total) {
 * }
 * }</pre>
 *
 * <p>The name must be a plain identifier ({@code [A-Za-z_][A-Za-z0-9_]*}), optionally qualified
 * as {@code schema.table}; it is checked when the first DAO for the record is constructed.
 * See {@link Dialect} for how names are quoted and how their case is folded.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Table {
    /**
     * @return the table name, for example {@code "users"} or {@code "billing.invoices"}
     */
    String value();
}
