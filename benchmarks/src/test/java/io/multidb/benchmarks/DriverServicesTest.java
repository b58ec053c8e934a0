package io.multidb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark jar finds its JDBC drivers through {@code META-INF/services/java.sql.Driver}: one
 * class there that does not load makes {@link DriverManager} stop loading the rest, and every
 * benchmark then fails with "No suitable driver".
 */
class DriverServicesTest {

    private static final Path SERVICES = Path.of("src", "main", "resources", "META-INF", "services",
            "java.sql.Driver");

    @Test
    void everyListedDriverLoads() throws IOException, ClassNotFoundException {
        List<String> names = Files.readAllLines(SERVICES, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(names).isNotEmpty();
        for (String name : names) {
            assertThat(Driver.class.isAssignableFrom(Class.forName(name))).as(name).isTrue();
        }
    }

    @Test
    void theBenchmarksUrlsFindADriver() throws SQLException {
        assertThat(DriverManager.getDriver("jdbc:stub:b1")).isNotNull();
        assertThat(DriverManager.getDriver("jdbc:h2:mem:b8")).isNotNull();
    }
}
