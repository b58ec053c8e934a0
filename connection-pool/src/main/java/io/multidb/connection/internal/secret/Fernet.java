package io.multidb.connection.internal.secret;

import io.multidb.connection.SecretResolutionException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fernet tokens (https://github.com/fernet/spec): version {@code 0x80}, 64-bit big-endian timestamp
 * in seconds, 128-bit IV, AES-128-CBC with PKCS#7 padding, HMAC-SHA256 over all of that, the whole
 * in URL-safe base64. A key is 32 bytes of URL-safe base64: the first 16 sign, the last 16 encrypt.
 * Several keys verify in order, as Python's {@code MultiFernet}: the first key encrypts, any key may
 * decrypt, so a new key can be put first while tokens made with the old one are still read.
 *
 * <p>Only the JDK's primitives are used ({@code AES/CBC/PKCS5Padding}, which is PKCS#7 for 16-byte
 * blocks, and {@code HmacSHA256}). The HMAC is checked, in constant time, before anything is
 * decrypted. Failure messages name what is wrong with the token and never a key or a plaintext.
 *
 * <p>Thread-safety: immutable; {@code Cipher} and {@code Mac} instances are made per call.
 */
public final class Fernet {
    /** The version byte of the only version the spec defines. */
    static final byte VERSION = (byte) 0x80;
    /** As Python's {@code cryptography}: a token stamped later than now plus this is refused (with a TTL). */
    static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);
    private static final int HEADER = 1 + 8 + 16;
    private static final int MAC = 32;
    private static final int BLOCK = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Key> keys;

    private Fernet(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * @param keys   the keys as URL-safe base64 text, newest (the one that encrypts) first
     * @param origin where they came from, for messages: {@code environment variable X}, a file name
     * @return a Fernet over those keys
     * @throws SecretResolutionException when there is no key or one is not 32 bytes of URL-safe
     *     base64 (the message names the origin and the key's position, never the key)
     */
    public static Fernet of(List<String> keys, String origin) {
        if (keys.isEmpty()) {
            throw new SecretResolutionException("No Fernet key in " + origin);
        }
        List<Key> parsed = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            parsed.add(Key.parse(keys.get(i), origin, i + 1, keys.size()));
        }
        return new Fernet(parsed);
    }

    /**
     * @return a new random key, as URL-safe base64 text (what Python's {@code Fernet.generate_key()} returns)
     */
    public static String generateKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().encodeToString(key);
    }

    /**
     * @return how many keys there are
     */
    public int keyCount() {
        return keys.size();
    }

    /**
     * Encrypts with the first key, a random IV and the current time.
     *
     * @param plaintext what to encrypt
     * @return the token
     */
    public String encrypt(byte[] plaintext) {
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        return encrypt(plaintext, Instant.now().getEpochSecond(), iv);
    }

    /**
     * Encrypts with the first key at a given time and IV: for the spec's test vectors.
     *
     * @param plaintext what to encrypt
     * @param timestamp seconds since the epoch to stamp the token with
     * @param iv        16 bytes
     * @return the token
     */
    public String encrypt(byte[] plaintext, long timestamp, byte[] iv) {
        Key key = keys.get(0);
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.encryption, "AES"), new IvParameterSpec(iv));
            byte[] ciphertext = aes.doFinal(plaintext);
            ByteBuffer token = ByteBuffer.allocate(HEADER + ciphertext.length + MAC);
            token.put(VERSION).putLong(timestamp).put(iv).put(ciphertext);
            token.put(key.sign(token.array(), HEADER + ciphertext.length));
            return Base64.getUrlEncoder().encodeToString(token.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot encrypt with AES-128-CBC: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies and decrypts a token with the first key whose HMAC matches.
     *
     * @param token the token text
     * @param ttl   the longest age accepted, or {@code null} for any age
     * @param now   the time to check the age against
     * @return the plaintext
     * @throws SecretResolutionException naming what is wrong with the token
     */
    public byte[] decrypt(String token, Duration ttl, Instant now) {
        byte[] data = decode(token);
        if (data.length < HEADER + BLOCK + MAC || (data.length - HEADER - MAC) % BLOCK != 0) {
            throw invalid("it is " + data.length + " bytes, not 57 plus a positive multiple of 16");
        }
        if (data[0] != VERSION) {
            throw invalid("its version byte is 0x" + Integer.toHexString(data[0] & 0xff) + ", not 0x80");
        }
        int signedLength = data.length - MAC;
        byte[] mac = Arrays.copyOfRange(data, signedLength, data.length);
        Key key = null;
        for (Key k : keys) {
            if (MessageDigest.isEqual(k.sign(data, signedLength), mac)) {
                key = k;
                break;
            }
        }
        if (key == null) {
            throw invalid("its signature matches " + (keys.size() == 1 ? "the key" : "none of the " + keys.size()
                    + " keys") + " (a token made with another key, or altered)");
        }
        long stamped = ByteBuffer.wrap(data, 1, 8).getLong();
        if (ttl != null) {
            long age = now.getEpochSecond() - stamped;
            if (age > ttl.toSeconds()) {
                throw invalid("it has expired: made " + age + " s ago, older than the time to live of "
                        + ttl.toSeconds() + " s");
            }
            if (-age > MAX_CLOCK_SKEW.toSeconds()) {
                throw invalid("it is stamped " + -age + " s in the future, more than the clock skew of "
                        + MAX_CLOCK_SKEW.toSeconds() + " s allowed");
            }
        }
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.encryption, "AES"),
                    new IvParameterSpec(data, 9, 16));
            return aes.doFinal(data, HEADER, signedLength - HEADER);
        } catch (javax.crypto.BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
            throw invalid("its padding is wrong after decryption");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot decrypt with AES-128-CBC: " + e.getMessage(), e);
        }
    }

    private static byte[] decode(String token) {
        if (token == null || token.isEmpty()) {
            throw invalid("it is empty");
        }
        try {
            return Base64.getUrlDecoder().decode(token.strip().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw invalid("it is not URL-safe base64");
        }
    }

    private static SecretResolutionException invalid(String why) {
        return new SecretResolutionException("The Fernet token is not valid: " + why);
    }

    @Override
    public String toString() {
        return "Fernet[" + keys.size() + (keys.size() == 1 ? " key]" : " keys]");
    }

    /** One key, split as the spec says: signing half first. */
    private static final class Key {
        private final byte[] signing;
        private final byte[] encryption;

        private Key(byte[] both) {
            this.signing = Arrays.copyOfRange(both, 0, 16);
            this.encryption = Arrays.copyOfRange(both, 16, 32);
        }

        static Key parse(String text, String origin, int position, int count) {
            String which = (count == 1 ? "The Fernet key" : "Fernet key " + position + " of " + count) + " in " + origin;
            if (text == null || text.isBlank()) {
                throw new SecretResolutionException(which + " is empty");
            }
            byte[] both;
            try {
                both = Base64.getUrlDecoder().decode(text.strip().getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw new SecretResolutionException(which + " is not URL-safe base64 (value not shown)");
            }
            if (both.length != 32) {
                throw new SecretResolutionException(which + " is " + both.length
                        + " bytes, not 32, once decoded (value not shown)");
            }
            return new Key(both);
        }

        byte[] sign(byte[] data, int length) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(signing, "HmacSHA256"));
                mac.update(data, 0, length);
                return mac.doFinal();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The JDK cannot compute HMAC-SHA256: " + e.getMessage(), e);
            }
        }
    }
}
