package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens made by Python's cryptography.fernet decrypt here, and tokens made here decrypt there. */
class FernetSecretResolverTest {
    private static final Pattern CASE = Pattern.compile(
            "\"key\": \"([^\"]+)\",\\s*\"plaintext\": \"((?:[^\"\\\\]|\\\\.)*)\",\\s*\"token\": \"([^\"]+)\"");

    @Test
    void tokensMadeByPythonCryptographyDecrypt() throws IOException {
        String json = resource("python-cryptography.json");
        Matcher m = CASE.matcher(json);
        int cases = 0;
        while (m.find()) {
            String plaintext = m.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
            assertThat(FernetSecretResolver.of(m.group(1)).resolve(m.group(3))).isEqualTo(plaintext);
            cases++;
        }
        assertThat(cases).isEqualTo(5);
    }

    @Test
    void aPythonMultiFernetTokenMadeWithTheOlderKeyDecryptsAfterRotation() throws IOException {
        String json = resource("python-cryptography.json");
        Matcher m = Pattern.compile("\"rotation\": \\{\\s*\"keys\": \\[\\s*\"([^\"]+)\",\\s*\"([^\"]+)\"\\s*],"
                + "\\s*\"plaintext\": \"([^\"]+)\",\\s*\"token\": \"([^\"]+)\"").matcher(json);
        assertThat(m.find()).isTrue();
        FernetSecretResolver rotated = FernetSecretResolver.fromEnvironment(
                Map.of("MULTIDB_CATALOG_KEY", m.group(1) + "," + m.group(2)), "MULTIDB_CATALOG_KEY");
        assertThat(rotated.resolve(m.group(4))).isEqualTo(m.group(3));
        assertThatThrownBy(() -> FernetSecretResolver.of(m.group(1)).resolve(m.group(4)))
                .isInstanceOf(SecretResolutionException.class).hasMessageContaining("signature");
    }

    @Test
    void tokensMadeHereDecryptWithPythonCryptography() throws Exception {
        Assumptions.assumeTrue(pythonWithCryptography(), "python3 with the cryptography package is not installed");
        String key = FernetSecretResolver.generateKey();
        String plaintext = "tenant pässword ✓";
        String token = FernetSecretResolver.of(key).encrypt(plaintext);
        Process python = new ProcessBuilder("python3", "-c",
                "import sys; from cryptography.fernet import Fernet;"
                        + " sys.stdout.buffer.write(Fernet(sys.argv[1].encode()).decrypt(sys.argv[2].encode()))",
                key, token).redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo(plaintext);
    }

    @Test
    void keysComeFromAFileOnePerLineNewestFirst(@TempDir Path dir) throws IOException {
        String newer = FernetSecretResolver.generateKey();
        String older = FernetSecretResolver.generateKey();
        Path file = dir.resolve("catalog.key");
        Files.writeString(file, newer + "\n\n" + older + "\n");
        FernetSecretResolver resolver = FernetSecretResolver.fromFile(file);
        assertThat(resolver.resolve(FernetSecretResolver.of(older).encrypt("old"))).isEqualTo("old");
        assertThat(FernetSecretResolver.of(newer).resolve(resolver.encrypt("new"))).isEqualTo("new");
        assertThat(resolver).hasToString("FernetSecretResolver[keys=2, timeToLive=none]");
        assertThat(resolver.toString()).doesNotContain(newer).doesNotContain(older);
    }

    @Test
    void aMissingVariableOrFileSaysWhereItLooked(@TempDir Path dir) {
        assertThatThrownBy(() -> FernetSecretResolver.fromEnvironment(Map.of(), "MULTIDB_CATALOG_KEY"))
                .isInstanceOf(SecretResolutionException.class)
                .hasMessage("No Fernet key: environment variable MULTIDB_CATALOG_KEY is not set");
        Path missing = dir.resolve("none.key");
        assertThatThrownBy(() -> FernetSecretResolver.fromFile(missing))
                .isInstanceOf(SecretResolutionException.class)
                .hasMessage("Cannot read the Fernet key file " + missing + ": NoSuchFileException");
    }

    @Test
    void aMalformedKeyInTheEnvironmentIsNeverShown() {
        String bad = "this-is-not-a-fernet-key";
        assertThatThrownBy(() -> FernetSecretResolver.fromEnvironment(Map.of("K", bad), "K"))
                .isInstanceOf(SecretResolutionException.class)
                .hasMessageContaining("environment variable K").message().doesNotContain(bad);
    }

    @Test
    void aTimeToLiveRefusesOlderTokens() {
        FernetSecretResolver resolver = FernetSecretResolver.of(FernetSecretResolver.generateKey());
        String token = resolver.encrypt("secret-value");
        FernetSecretResolver later = resolver.withTimeToLive(Duration.ofMinutes(5))
                .withClock(Clock.fixed(Instant.now().plus(Duration.ofMinutes(10)), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.resolve(token)).isInstanceOf(SecretResolutionException.class)
                .hasMessageContaining("expired").message().doesNotContain("secret-value");
        assertThat(resolver.withTimeToLive(Duration.ofMinutes(5)).resolve(token)).isEqualTo("secret-value");
        assertThat(later).hasToString("FernetSecretResolver[keys=1, timeToLive=PT5M]");
    }

    @Test
    void plainReturnsTheStoredValue() {
        assertThat(SecretResolver.plain().resolve("as-stored")).isEqualTo("as-stored");
        assertThat(SecretResolver.plain()).hasToString("SecretResolver.plain()");
    }

    private static boolean pythonWithCryptography() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import cryptography.fernet").redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FernetSecretResolverTest.class.getResourceAsStream("/fernet/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /fernet/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
