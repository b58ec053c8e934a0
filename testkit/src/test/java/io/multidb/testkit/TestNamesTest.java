package io.multidb.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.MultiDb;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestNamesTest {

    @Test
    void aNameIsThePrefixAnUnderscoreAndTwelveHexDigits() {
        assertThat(TestNames.unique()).matches("t_[0-9a-f]{12}");
        assertThat(TestNames.unique("orders")).matches("orders_[0-9a-f]{12}");
    }

    @Test
    void namesDoNotRepeat() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            names.add(TestNames.unique());
        }
        assertThat(names).hasSize(10_000);
    }

    @Test
    void anEmptyPrefixIsRefused() {
        assertThatThrownBy(() -> TestNames.unique("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix");
    }

    @Test
    void aNameServesAsLabelAndAsH2Database() {
        String label = TestNames.unique("audit");
        try (MultiDb db = MultiDb.create(Map.of(label, Map.of("url", "jdbc:h2:mem:" + TestNames.unique(), "user", "sa")))) {
            List<Map<String, Object>> rows = db.read(label, s -> s.query("select 1 as one"));
            assertThat(rows).hasSize(1);
        }
    }
}
