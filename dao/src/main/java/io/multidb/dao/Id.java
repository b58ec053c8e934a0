package io.multidb.dao;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the record component that holds an {@link EntityDao} entity's primary key. Exactly one
 * component of the record carries it; composite keys are not supported by {@code EntityDao}
 * (write those DAOs with the helpers of {@link DaoBase}).
 *
 * <pre>{@code
 * @Table("users")
 * public record User(@Id(generated = true) Long id, String name) {    // identity / auto_increment
 * }
 *
 * @Table("countries")
 * public record Country(@Id String isoCode, String name) {           // the application chooses the key
 * }
 * }</pre>
 *
 * <p>A generated key is assigned by the database on insert (an identity, {@code auto_increment}
 * or default-valued column): {@link EntityDao#insert(Record)} leaves the column out of the
 * statement and returns a copy of the entity that carries the new key. Its component must
 * therefore be a reference type ({@code Long}, not {@code long}) and be {@code null} on a new
 * entity.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Id {
    /**
     * @return {@code true} when the database generates the key on insert
     */
    boolean generated() default false;
}
