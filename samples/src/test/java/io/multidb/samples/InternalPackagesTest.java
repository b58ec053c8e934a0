package io.multidb.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * No Multidb module uses another module's {@code internal} packages: every class of every packaged
 * jar is searched for references (in its constant pool, where class names appear in internal form)
 * to the internal packages of the other modules.
 */
class InternalPackagesTest {
    /** Jar name prefix to the internal package (in internal form) that only that jar may use. */
    private static final Map<String, String> OWNERS = Map.of(
            "multidb-connection-pool-", "io/multidb/connection/internal",
            "multidb-dao-", "io/multidb/dao/internal",
            "multidb-jta-support-", "io/multidb/jta/internal",
            "multidb-testkit-", "io/multidb/testkit/internal");

    @Test
    void noModuleReferencesAnotherModulesInternalPackages() throws IOException {
        List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        List<String> violations = new ArrayList<>();
        int scanned = 0;
        for (Map.Entry<String, String> jar : OWNERS.entrySet()) {
            Path path = classPath.stream().filter(p -> p.getFileName().toString().startsWith(jar.getKey())
                    && p.getFileName().toString().endsWith(".jar") && !p.toString().endsWith("-tests.jar"))
                    .findFirst().orElse(null);
            if (Boolean.getBoolean("multidb.packagedJars")) {
                assertThat(path).as("the packaged " + jar.getKey() + "*.jar").isNotNull();
            } else {
                assumeThat(path).as("the packaged " + jar.getKey() + "*.jar (run the integration-test phase)")
                        .isNotNull();
            }
            try (JarFile file = new JarFile(path.toFile())) {
                for (JarEntry entry : file.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                    scanned++;
                    String constants = new String(file.getInputStream(entry).readAllBytes(),
                            StandardCharsets.ISO_8859_1);
                    for (String internal : OWNERS.values()) {
                        if (!internal.equals(jar.getValue()) && constants.contains(internal + "/")) {
                            violations.add(path.getFileName() + "!" + entry.getName() + " uses " + internal);
                        }
                    }
                }
            }
        }
        assertThat(scanned).as("classes scanned").isGreaterThan(100);
        assertThat(violations).isEmpty();
    }
}
