package io.multidb.dao;

import io.multidb.connection.Column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.Engine;
import io.multidb.connection.Session;
import io.multidb.dao.internal.EntityModel;
import io.multidb.dao.internal.EntitySql;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * How {@link EntityDao} reads a record's annotations: the checks made when a DAO is constructed,
 * the column names, and the statements built (once per dialect).
 */
class EntityModelTest {

    @Table("users")
    record User(@Id(generated = true) Long id, String name, @Column("mail") String email, Instant createdAt) {
    }

    @Table("app.order")
    record Order(@Id long id, String httpURLPath, String userID, String line2Address, String value) {
    }

    record NoTable(@Id Long id) {
    }

    @Table("things")
    record NoId(Long id, String name) {
    }

    @Table("things")
    record TwoIds(@Id Long id, @Id Long other) {
    }

    @Table("things")
    record PrimitiveGeneratedKey(@Id(generated = true) long id, String name) {
    }

    @Table("things; DROP TABLE things")
    record InjectedTable(@Id Long id) {
    }

    @Table("\"things\"")
    record QuotedTable(@Id Long id) {
    }

    @Table("things")
    record InjectedColumn(@Id Long id, @Column("name -- comment") String name) {
    }

    @Table("things")
    record SameColumnTwice(@Id Long id, String emailAddress, @Column("EMAIL_ADDRESS") String other) {
    }

    /** A DAO over any record, to construct with the wrong ID type. */
    static final class AnyDao<T extends Record, ID> extends EntityDao<T, ID> {
        AnyDao(Class<T> type, Class<ID> idType) {
            super(new UntouchableSession(), Dialect.of(Engine.H2), type, idType);
        }
    }

    @Test
    void statementsNameTheColumnsInComponentOrder() {
        EntitySql sql = EntityModel.of(User.class).sql(Dialect.of(Engine.POSTGRESQL));
        assertThat(sql.selectById()).isEqualTo("SELECT id, name, mail, created_at FROM users WHERE id = ?");
        assertThat(sql.selectPage()).isEqualTo("SELECT id, name, mail, created_at FROM users ORDER BY id LIMIT ? OFFSET ?");
        assertThat(sql.insert()).isEqualTo("INSERT INTO users (id, name, mail, created_at) VALUES (?, ?, ?, ?)");
        assertThat(sql.insertWithoutId()).isEqualTo("INSERT INTO users (name, mail, created_at) VALUES (?, ?, ?)");
        assertThat(sql.update()).isEqualTo("UPDATE users SET name = ?, mail = ?, created_at = ? WHERE id = ?");
        assertThat(sql.deleteById()).isEqualTo("DELETE FROM users WHERE id = ?");
        assertThat(sql.count()).isEqualTo("SELECT COUNT(*) FROM users");
    }

    @Test
    void componentNamesBecomeSnakeCaseColumnsAndReservedWordsAreQuoted() {
        EntitySql sql = EntityModel.of(Order.class).sql(Dialect.of(Engine.ORACLE));
        assertThat(sql.insert()).isEqualTo("INSERT INTO app.\"ORDER\" (id, http_url_path, user_id, line2_address,"
                + " \"VALUE\") VALUES (?, ?, ?, ?, ?)");
        assertThat(sql.selectPage()).endsWith("FROM app.\"ORDER\" ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
    }

    @Test
    void statementsAreBuiltOncePerDialect() {
        EntityModel<User> model = EntityModel.of(User.class);
        assertThat(EntityModel.of(User.class)).isSameAs(model);
        assertThat(model.sql(Dialect.of(Engine.H2))).isSameAs(model.sql(Dialect.of(Engine.H2)))
                .isNotSameAs(model.sql(Dialect.of(Engine.MARIADB)));
    }

    @Test
    void aRecordWithoutTableOrIdIsRefusedWhenTheDaoIsConstructed() {
        assertThatThrownBy(() -> new AnyDao<>(NoTable.class, Long.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no @Table annotation")
                .hasMessageContaining("@Table(\"no_tables\")");
        assertThatThrownBy(() -> new AnyDao<>(NoId.class, Long.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no @Id component");
        assertThatThrownBy(() -> new AnyDao<>(TwoIds.class, Long.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has @Id on both 'id' and 'other'");
    }

    @Test
    void aGeneratedKeyMustBeAbleToHoldNull() {
        assertThatThrownBy(() -> new AnyDao<>(PrimitiveGeneratedKey.class, Long.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a primitive long; declare it as Long");
    }

    @Test
    void annotatedNamesMustBePlainIdentifiers() {
        assertThatThrownBy(() -> new AnyDao<>(InjectedTable.class, Long.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid table name in @Table of " + InjectedTable.class.getName()
                        + " \"things; DROP TABLE things\"");
        assertThatThrownBy(() -> new AnyDao<>(QuotedTable.class, Long.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid table name");
        assertThatThrownBy(() -> new AnyDao<>(InjectedColumn.class, Long.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid column name in @Column of InjectedColumn.name");
        assertThatThrownBy(() -> new AnyDao<>(SameColumnTwice.class, Long.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'emailAddress' and 'other'")
                .hasMessageContaining("both map to column EMAIL_ADDRESS");
    }

    @Test
    void theDaosIdTypeMustBeTheKeysType() {
        assertThatThrownBy(() -> new AnyDao<>(User.class, String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The key of " + User.class.getName() + " is a java.lang.Long, but the DAO declares"
                        + " java.lang.String");
        assertThat(new AnyDao<>(Order.class, Long.class)).as("a primitive key is declared by its box").isNotNull();
    }

    @Test
    void constructingADaoTouchesNoDatabase() {
        Session untouchable = new UntouchableSession();
        assertThat(new EntityDao<User, Long>(untouchable, User.class, Long.class) { }.session()).isSameAs(untouchable);
    }
}
