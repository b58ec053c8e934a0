package io.multidb.dao;

import io.multidb.connection.StatementParameterException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.internal.statement.NamedParameters;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code :name} parameters become positional ones, and what is left alone. */
class NamedParametersTest {

    @Test
    void namesBecomePlaceholdersInOrderAndMayRepeat() {
        NamedParameters p = NamedParameters.parse("select * from users where name = :name or alias = :name and id > :min_id");
        assertThat(p.sql()).isEqualTo("select * from users where name = ? or alias = ? and id > ?");
        assertThat(p.names()).containsExactly("name", "name", "min_id");
        assertThat(p.arguments(Map.of("name", "Ada", "min_id", 3))).containsExactly("Ada", "Ada", 3);
    }

    @Test
    void quotedTextCommentsCastsAndEscapedQuestionMarksAreLeftAlone() {
        String sql = "select ':not', \"a:b\", `c:d`, x::text, data ?? 'k' -- :comment\n"
                + "from t /* :block */ where it's = :real";
        NamedParameters p = NamedParameters.parse(sql.replace("it's", "it''s"));
        assertThat(p.names()).containsExactly("real");
        assertThat(p.sql()).isEqualTo("select ':not', \"a:b\", `c:d`, x::text, data ?? 'k' -- :comment\n"
                + "from t /* :block */ where it''s = ?");
    }

    @Test
    void aNullValueBindsNull() {
        Map<String, Object> values = new HashMap<>();
        values.put("email", null);
        assertThat(NamedParameters.parse("update users set email = :email").arguments(values)).containsExactly(
                (Object) null);
    }

    @Test
    void missingAndUnusedKeysAreRefused() {
        NamedParameters p = NamedParameters.parse("insert into users (name, email) values (:name, :email)");
        assertThatThrownBy(() -> p.arguments(Map.of("name", "Ada")))
                .isInstanceOf(StatementParameterException.class)
                .hasMessageStartingWith("No value for parameter(s) [:email] in the map (keys [name]) of: insert into");
        assertThatThrownBy(() -> p.arguments(Map.of("name", "Ada", "email", "a@x", "emial", "a@x")))
                .isInstanceOf(StatementParameterException.class)
                .hasMessageStartingWith("The parameter map has key(s) [emial] that the statement does not use (it uses"
                        + " [:name, :email])");
        assertThatThrownBy(() -> p.arguments(null)).isInstanceOf(StatementParameterException.class)
                .hasMessageContaining("pass Map.of() for none");
    }

    @Test
    void mixingPositionalAndNamedParametersIsRefused() {
        assertThatThrownBy(() -> NamedParameters.parse("select * from users where id = ? and name = :name"))
                .isInstanceOf(StatementParameterException.class)
                .hasMessageContaining("mixes positional ? and named :name parameters");
    }

    @Test
    void aStatementIsRewrittenOnceAndARefusedOneIsRefusedEveryTime() {
        String sql = "update users set name = :name where id = :id or parent = :id";
        NamedParameters first = NamedParameters.parse(sql);
        assertThat(NamedParameters.parse(new String(sql))).isSameAs(first);
        assertThat(first.arguments(Map.of("name", "Ada", "id", 7))).containsExactly("Ada", 7, 7);
        assertThatThrownBy(() -> first.arguments(Map.of("name", "Ada", "id", 7, "other", 1)))
                .hasMessageContaining("[other]");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> NamedParameters.parse("select * from t where a = ? and b = :b"))
                    .isInstanceOf(StatementParameterException.class);
        }
    }
}
