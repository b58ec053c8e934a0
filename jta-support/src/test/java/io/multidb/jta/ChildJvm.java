package io.multidb.jta;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link XaChild} in a new JVM with this JVM's class path and waits for it.
 *
 * @param exitCode the child's exit code
 * @param output   what it printed (stdout and stderr)
 */
record ChildJvm(int exitCode, String output) {
    private static final long LIMIT_SECONDS = 60;

    /**
     * @param dir        a directory for the properties file
     * @param mode       the child's mode
     * @param nodeId     its node id
     * @param logDir     its transaction-log directory
     * @param labels     label to configuration map
     * @param jvmOptions extra options, such as {@code -Dname=value}
     * @return how it ended
     * @throws IOException          when it cannot be started
     * @throws InterruptedException when interrupted while waiting
     */
    static ChildJvm run(Path dir, String mode, String nodeId, Path logDir, Map<String, Map<String, Object>> labels,
            List<String> jvmOptions) throws IOException, InterruptedException {
        Properties p = new Properties();
        p.setProperty("child.mode", mode);
        p.setProperty("child.nodeId", nodeId);
        p.setProperty("child.logDirectory", logDir.toAbsolutePath().toString());
        labels.forEach((label, config) -> config.forEach((k, v) -> p.setProperty("multidb." + label + "." + k,
                String.valueOf(v))));
        Path file = Files.createTempFile(dir, "child-", ".properties");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.add(XaChild.class.getName());
        command.add(file.toString());
        Path out = Files.createTempFile(dir, "child-", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("Child JVM (" + mode + ") did not end within " + LIMIT_SECONDS + " s:\n"
                    + Files.readString(out));
        }
        return new ChildJvm(process.exitValue(), Files.readString(out));
    }

    /**
     * @param phase {@code prepare} or {@code commit}
     * @return the JVM option that makes {@link HaltingXaResource} kill the child in that phase
     */
    static List<String> haltIn(String phase) {
        return List.of("-D" + HaltingXaResource.HALT_PROPERTY + "=" + phase);
    }

    /**
     * @param key a {@code RESULT key=value} key
     * @return its value, or {@code null}
     */
    String result(String key) {
        for (String line : output.split("\\R")) {
            if (line.startsWith("RESULT " + key + "=")) {
                return line.substring(("RESULT " + key + "=").length());
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + ", output:\n" + output;
    }
}
