package io.multidb.dao;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the column a record component is stored in, when the default does not fit. By default a
 * component {@code createdAt} is stored in column {@code created_at} (camel case to snake case).
 *
 * <pre>{@code
 * @Table("users")
 * public record User(@Id Long id, @Column("mail") String emailAddress) {
 * }
 * }</pre>
 *
 * <p>Used by {@link EntityDao} to build its statements and by the typed queries of
 * {@link DaoBase} to match result columns to components. The name must be a plain identifier
 * ({@code [A-Za-z_][A-Za-z0-9_]*}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Column {
    /**
     * @return the column name
     */
    String value();
}
