package io.multidb.connection.internal.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.multidb.connection.SecretResolutionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Fernet spec's own test vectors (src/test/resources/fernet, see its README for their source). */
class FernetTest {
    private static final Pattern OBJECT = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"([^\"]*)\"|\\[[^]]*]|[^,\\s}]+)");

    @Test
    void generateVectorsAreReproducedExactly() throws IOException {
        List<Map<String, String>> vectors = vectors("generate.json");
        assertThat(vectors).isNotEmpty();
        for (Map<String, String> v : vectors) {
            Fernet fernet = Fernet.of(List.of(v.get("secret")), "the vector");
            String token = fernet.encrypt(v.get("src").getBytes(StandardCharsets.UTF_8), instant(v.get("now"))
                    .getEpochSecond(), iv(v.get("iv")));
            assertThat(token).isEqualTo(v.get("token"));
        }
    }

    @Test
    void verifyVectorsDecryptWithinTheirTimeToLive() throws IOException {
        List<Map<String, String>> vectors = vectors("verify.json");
        assertThat(vectors).isNotEmpty();
        for (Map<String, String> v : vectors) {
            Fernet fernet = Fernet.of(List.of(v.get("secret")), "the vector");
            byte[] plain = fernet.decrypt(v.get("token"), Duration.ofSeconds(Long.parseLong(v.get("ttl_sec"))),
                    instant(v.get("now")));
            assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(v.get("src"));
        }
    }

    @Test
    void everyInvalidVectorIsRefusedWithAReasonAndNoSecret() throws IOException {
        List<Map<String, String>> vectors = vectors("invalid.json");
        assertThat(vectors).hasSize(11);
        for (Map<String, String> v : vectors) {
            Fernet fernet = Fernet.of(List.of(v.get("secret")), "the vector");
            try {
                fernet.decrypt(v.get("token"), Duration.ofSeconds(Long.parseLong(v.get("ttl_sec"))),
                        instant(v.get("now")));
                fail("accepted the invalid vector '" + v.get("desc") + "'");
            } catch (SecretResolutionException e) {
                assertThat(e.getMessage()).as(v.get("desc")).startsWith("The Fernet token is not valid: ")
                        .doesNotContain(v.get("secret")).doesNotContain(v.get("token"));
            }
        }
    }

    @Test
    void eachCheckSaysWhatFailed() throws IOException {
        Map<String, String> byDesc = new LinkedHashMap<>();
        for (Map<String, String> v : vectors("invalid.json")) {
            Fernet fernet = Fernet.of(List.of(v.get("secret")), "the vector");
            assertThatThrownBy(() -> fernet.decrypt(v.get("token"), Duration.ofSeconds(60), instant(v.get("now"))))
                    .isInstanceOfSatisfying(SecretResolutionException.class,
                            e -> byDesc.put(v.get("desc"), e.getMessage()));
        }
        assertThat(byDesc.get("incorrect mac")).contains("signature matches the key");
        assertThat(byDesc.get("too short")).contains("not 57 plus a positive multiple of 16");
        assertThat(byDesc.get("invalid base64")).contains("not URL-safe base64");
        assertThat(byDesc.get("expired TTL")).contains("expired");
        assertThat(byDesc.get("far-future TS (unacceptable clock skew)")).contains("in the future");
        assertThat(byDesc.get("payload padding error")).contains("padding");
    }

    @Test
    void withoutATimeToLiveAnOldTokenStillDecrypts() throws IOException {
        Map<String, String> v = vectors("verify.json").get(0);
        Fernet fernet = Fernet.of(List.of(v.get("secret")), "the vector");
        assertThat(fernet.decrypt(v.get("token"), null, Instant.now())).asString(StandardCharsets.UTF_8)
                .isEqualTo("hello");
        assertThatThrownBy(() -> fernet.decrypt(v.get("token"), Duration.ofDays(1), Instant.now()))
                .hasMessageContaining("expired");
    }

    @Test
    void anyKeyOfSeveralDecryptsAndTheFirstEncrypts() {
        String newer = Fernet.generateKey();
        String older = Fernet.generateKey();
        String oldToken = Fernet.of(List.of(older), "test").encrypt("old".getBytes(StandardCharsets.UTF_8));
        Fernet rotated = Fernet.of(List.of(newer, older), "test");
        assertThat(rotated.decrypt(oldToken, null, Instant.now())).asString(StandardCharsets.UTF_8).isEqualTo("old");
        String newToken = rotated.encrypt("new".getBytes(StandardCharsets.UTF_8));
        assertThat(Fernet.of(List.of(newer), "test").decrypt(newToken, null, Instant.now()))
                .asString(StandardCharsets.UTF_8).isEqualTo("new");
        assertThatThrownBy(() -> Fernet.of(List.of(older), "test").decrypt(newToken, null, Instant.now()))
                .hasMessageContaining("signature");
    }

    @Test
    void aMalformedKeyIsNamedByPositionAndOriginNeverShown() {
        String good = Fernet.generateKey();
        String shortKey = "c2hvcnQta2V5";
        assertThatThrownBy(() -> Fernet.of(List.of(good, shortKey), "environment variable K"))
                .isInstanceOf(SecretResolutionException.class)
                .hasMessage("Fernet key 2 of 2 in environment variable K is 9 bytes, not 32, once decoded"
                        + " (value not shown)")
                .message().doesNotContain(shortKey).doesNotContain(good);
        assertThatThrownBy(() -> Fernet.of(List.of("not base64 at all!"), "file k.key"))
                .hasMessage("The Fernet key in file k.key is not URL-safe base64 (value not shown)");
        assertThatThrownBy(() -> Fernet.of(List.of(), "file k.key")).hasMessage("No Fernet key in file k.key");
        assertThat(Fernet.of(List.of(good), "x")).hasToString("Fernet[1 key]");
    }

    private static Instant instant(String isoWithOffset) {
        return OffsetDateTime.parse(isoWithOffset).toInstant();
    }

    private static byte[] iv(String array) {
        String[] parts = array.replaceAll("[\\[\\]\\s]", "").split(",");
        byte[] iv = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            iv[i] = (byte) Integer.parseInt(parts[i]);
        }
        return iv;
    }

    /** The vectors are flat objects of strings, numbers and one array of numbers: a pattern reads them. */
    static List<Map<String, String>> vectors(String file) throws IOException {
        String json;
        try (InputStream in = FernetTest.class.getResourceAsStream("/fernet/" + file)) {
            if (in == null) {
                throw new IOException("missing test resource /fernet/" + file);
            }
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Map<String, String>> out = new ArrayList<>();
        Matcher object = OBJECT.matcher(json);
        while (object.find()) {
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher field = FIELD.matcher(object.group(1));
            while (field.find()) {
                fields.put(field.group(1), field.group(3) != null ? field.group(3) : field.group(2));
            }
            out.add(fields);
        }
        return out;
    }
}
