package io.multidb.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every {@code ```java} block of the README against the library, as Jdbi compiles the
 * snippets of its documentation: a snippet that no longer compiles fails the build, naming its line.
 *
 * <p>A block is split into the type declarations it makes (lines from a top-level {@code public},
 * {@code record}, {@code class} or annotation up to the brace that closes it) and the
 * statements it runs. Both go into one generated class: the types as members, the statements as the
 * body of a method that may throw. An HTML comment right before the block may name the class the
 * generated class extends, for snippets written inside a DAO:
 * {@code <!-- snippet: extends DaoBase -->}. The names a snippet uses without declaring them
 * ({@code User}, {@code pw}, ...) are declared in {@link #GIVEN}.
 */
class ReadmeSnippetsTest {

    private static final Path README = Path.of("..", "README.md");

    private static final List<String> IMPORTS = List.of(
            "io.multidb.connection.*", "io.multidb.dao.*", "io.multidb.jta.*",
            "java.io.*", "java.math.BigDecimal", "java.nio.file.*", "java.sql.*", "java.time.*",
            "java.util.*", "javax.sql.DataSource", "org.jdbi.v3.core.Handle",
            "io.multidb.testkit.*", "org.junit.jupiter.api.*", "org.junit.jupiter.api.extension.RegisterExtension",
            "static org.junit.jupiter.api.Assertions.*");

    /** What the README's snippets take as given: the types and values their surrounding prose names. */
    private static final String GIVEN = """
            record User(Long id, String name) {}
            record PostSummary(String title, String authorName) {}
            class AccountDao extends DaoBase {
                AccountDao(Session session) { super(session); }
                void withdraw(long account, BigDecimal amount) {}
                void deposit(long account, BigDecimal amount) {}
            }
            """;

    private static final String GIVEN_FIELDS = """
                String pw = "";
                long authorId = 1;
                String title = "";
            """;

    private static final Pattern FENCE = Pattern.compile(
            "(?:<!-- snippet: extends (\\w+) -->\\s*\\n)?```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TYPE_START = Pattern.compile(
            "^(@\\w+|public |final |abstract |record |class |interface |enum ).*");

    record Snippet(int line, String base, String text) {}

    @TestFactory
    List<DynamicTest> everyJavaBlockOfTheReadmeCompiles(@TempDir Path out) throws IOException {
        List<Snippet> snippets = snippets(Files.readString(README, StandardCharsets.UTF_8));
        List<DynamicTest> tests = new ArrayList<>();
        for (Snippet snippet : snippets) {
            tests.add(DynamicTest.dynamicTest("README line " + snippet.line(),
                    () -> assertThat(compile(snippet, out)).as("README.md line %d:%n%s", snippet.line(),
                            snippet.text()).isEmpty()));
        }
        return tests;
    }

    @Test
    void theReadmeHasJavaSnippetsAndTheSplitterSeesTheirTypes() throws IOException {
        List<Snippet> snippets = snippets(Files.readString(README, StandardCharsets.UTF_8));
        assertThat(snippets).hasSizeGreaterThan(5);
        String source = source(new Snippet(1, null, "record R(int x) {}\n\nR r = new R(1);\n"), "S");
        assertThat(source.substring(0, source.indexOf("void run()"))).contains("record R(int x) {}");
        assertThat(source.substring(source.indexOf("void run()"))).contains("R r = new R(1);");
    }

    @Test
    void aSnippetThatDoesNotCompileIsReported(@TempDir Path out) {
        assertThat(compile(new Snippet(7, null, "ConnectionPool.configureAll(42);\n"), out))
                .singleElement().asString().contains("configureAll");
    }

    static List<Snippet> snippets(String readme) {
        List<Snippet> snippets = new ArrayList<>();
        Matcher m = FENCE.matcher(readme);
        while (m.find()) {
            int line = 1 + (int) readme.substring(0, m.start(2)).chars().filter(c -> c == '\n').count();
            snippets.add(new Snippet(line, m.group(1), m.group(2)));
        }
        return snippets;
    }

    static String source(Snippet snippet, String className) {
        StringBuilder types = new StringBuilder();
        StringBuilder statements = new StringBuilder();
        boolean inType = false;
        int depth = 0;
        for (String line : snippet.text().split("\n", -1)) {
            if (!inType && TYPE_START.matcher(line).matches()) {
                inType = true;
                depth = 0;
            }
            (inType ? types : statements).append(line).append('\n');
            if (inType) {
                depth += count(line, '{') - count(line, '}');
                inType = depth > 0 || !line.contains("}");
            }
        }
        StringBuilder source = new StringBuilder("package readme;\n");
        IMPORTS.forEach(i -> source.append("import ").append(i).append(";\n"));
        source.append(GIVEN);
        source.append("@SuppressWarnings(\"unused\")\nclass ").append(className);
        if (snippet.base() != null) {
            source.append(" extends ").append(snippet.base()).append(" {\n")
                    .append(className).append("(Session s) { super(s); }\n");
        } else {
            source.append(" {\n");
        }
        source.append(GIVEN_FIELDS).append(types)
                .append("void run() throws Exception {\n").append(statements).append("}\n}\n");
        return source.toString();
    }

    private static int count(String line, char c) {
        return (int) line.chars().filter(x -> x == c).count();
    }

    static List<String> compile(Snippet snippet, Path out) {
        String className = "Line" + snippet.line();
        String source = source(snippet, className);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///readme/" + className + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-proc:none", "-classpath", classPath(), "-d", out.toString());
            StringWriter ignored = new StringWriter();
            boolean ok = javac.getTask(ignored, files, diagnostics, options, null, List.of(file)).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add("generated line " + d.getLineNumber() + ": " + d.getMessage(null));
                }
            }
            if (!ok && errors.isEmpty()) {
                errors.add("javac failed: " + ignored);
            }
            if (!errors.isEmpty()) {
                errors.add("generated source:\n" + source);
            }
            return errors.isEmpty() ? List.of() : List.of(String.join("\n", errors));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test class path: surefire may hide it behind a manifest-only jar, so prefer its own property. */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path", "") + File.pathSeparator;
    }
}
