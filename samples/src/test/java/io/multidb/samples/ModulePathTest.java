package io.multidb.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built jars on the module path and on the class path: a small application
 * ({@code src/test/modulecheck}, module {@code io.multidb.modulecheck}) configures an H2 label,
 * runs a session query and a DAO read, runs XA units of work over two H2 labels with JTA support
 * enabled, and tries to call into the connection pool's and JTA support's internal packages. Runs
 * in the integration-test phase, on the packaged jars of the reactor.
 */
class ModulePathTest {
    /**
     * The jars that must be on the module path for io.multidb.connection, io.multidb.dao and
     * io.multidb.jta to resolve: explicit modules and the automatic modules they require. Not
     * jboss-logging: Narayana (an automatic module) logs through it, and jboss-logging 3.6 makes
     * Narayana's message loggers with {@code MethodHandles.privateLookupIn}, which fails unless
     * org.jboss.logging reads narayana.jta; on the class path it reads every module.
     */
    private static final List<String> MODULE_JARS = List.of("multidb-connection-pool-", "multidb-dao-",
            "multidb-jta-support-", "HikariCP-", "jdbi3-core-", "slf4j-api-", "jakarta.transaction-api-",
            "narayana-jta-", "jboss-transaction-spi-", "agroal-api-", "agroal-pool-", "agroal-narayana-");
    /**
     * Required by jakarta.transaction-api 2.0.1's module-info (jakarta.cdi, jakarta.interceptor and
     * what they require), not used: needed on the module path only.
     */
    private static final List<String> CDI_JARS = List.of("jakarta.enterprise.cdi-api-",
            "jakarta.enterprise.lang-model-", "jakarta.interceptor-api-", "jakarta.inject-api-",
            "jakarta.annotation-api-");
    private static final Path APP = Path.of("target", "modulecheck");

    private static List<Path> classPath;

    @BeforeAll
    static void compileTheApplication() throws IOException {
        classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .toList();
        String dao = jar("multidb-dao-").toString();
        if (Boolean.getBoolean("multidb.packagedJars")) {
            assertThat(dao).as("the packaged dao jar").endsWith(".jar");
        } else {
            assumeThat(dao).as("the packaged dao jar (run the integration-test phase)").endsWith(".jar");
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> sources;
        try (Stream<Path> files = Files.walk(Path.of("src", "test", "modulecheck"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        List<String> args = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Werror", "-d", APP.toString(),
                "--module-path", join(modulePath())));
        args.addAll(sources);
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac " + args).isZero();
    }

    @Test
    void onTheModulePathTheApiWorksAndTheInternalsAreSealed() throws Exception {
        List<Path> modules = new ArrayList<>(modulePath());
        modules.add(APP);
        Run run = java("--module-path", join(modules), "--class-path", join(others()),
                "-m", "io.multidb.modulecheck/io.multidb.modulecheck.Main");

        assertThat(run.output())
                .contains("ok session query: [first]")
                .contains("ok dao read: [Item[id=1, name=first]]")
                .contains("xa overdraft refused")
                .contains("ok xa units of work: [100, 50]")
                .contains("ok recovery pass")
                .contains("module io.multidb.connection")
                .contains("internal sealed IllegalAccessException")
                .contains("jta module io.multidb.jta automatic=false")
                .contains("jta internal sealed IllegalAccessException");
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void onTheClassPathTheApiWorksWithoutTheCdiApis() throws Exception {
        List<Path> cdi = CDI_JARS.stream().map(ModulePathTest::jar).toList();
        List<Path> all = new ArrayList<>(classPath.stream().filter(p -> !cdi.contains(p)).toList());
        all.add(APP);
        Run run = java("--class-path", join(all), "io.multidb.modulecheck.Main");

        assertThat(run.output())
                .contains("ok session query: [first]")
                .contains("ok dao read: [Item[id=1, name=first]]")
                .contains("xa overdraft refused")
                .contains("ok xa units of work: [100, 50]")
                .contains("ok recovery pass")
                .contains("module null")
                .contains("internal reachable created_at")
                .contains("jta module null")
                .contains("jta internal reachable JtaXaProvider");
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void theTestKitJarHasAStableModuleName() {
        Path testkit = jar("multidb-testkit-");
        List<String> names = ModuleFinder.of(testkit).findAll().stream().map(m -> m.descriptor().name()).toList();

        assertThat(names).as("module of " + testkit).containsExactly("io.multidb.testkit");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the application ended").isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static List<Path> modulePath() {
        return Stream.concat(MODULE_JARS.stream(), CDI_JARS.stream()).map(ModulePathTest::jar).toList();
    }

    /**
     * Everything else the application needs (the H2 driver, Jdbi's and Narayana's own dependencies,
     * jboss-logging), unnamed.
     */
    private static List<Path> others() {
        List<Path> modules = modulePath();
        return classPath.stream().filter(p -> !modules.contains(p)).toList();
    }

    private static Path jar(String prefix) {
        return classPath.stream().filter(p -> p.getFileName().toString().startsWith(prefix)
                && !p.getFileName().toString().endsWith("-tests.jar")).findFirst()
                .orElseThrow(() -> new UncheckedIOException(new IOException("No " + prefix + "* on the class path: "
                        + classPath)));
    }

    private static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }
}
