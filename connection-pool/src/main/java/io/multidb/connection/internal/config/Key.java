package io.multidb.connection.internal.config;

import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.internal.Secrets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One configuration key, declared once in {@link Keys}: its snake_case name and aliases, its
 * {@linkplain Kind type and parser}, default, bounds, the sources that may give it, whether it is
 * secret, which part of the configuration it belongs to, the builder setter it feeds and a one-line
 * doc. The builder's validation, the map, properties and environment readers, {@code toString},
 * {@code equals}/{@code hashCode} and the README key table all read these declarations.
 *
 * <p>Thread-safety: immutable.
 *
 * @param <T> the value's Java type
 */
public final class Key<T> {

    /** Which part of a label's configuration a key belongs to. */
    public enum Part {
        /** Checked only: the {@code label} key must equal the label. */
        LABEL,
        /** A piece of the URL (host, port, database): folded into the URL by {@code build()}. */
        LOCATION,
        /** Where and who: what the connection factory needs. */
        CONNECTION,
        /** How many and how long: what the pool needs. */
        POOL
    }

    /** Where, besides the builder, a key may be given. */
    public enum Source {
        /** {@code DatabaseConfig.fromMap} and {@code ConnectionPool.configure(Map)}. */
        MAP,
        /** {@code multidb.<label>.<key>} properties. */
        PROPERTIES,
        /** {@code MULTIDB_<LABEL>_<KEY>} environment variables. */
        ENVIRONMENT
    }

    /**
     * Hands a value read from a map, properties or the environment to the builder.
     *
     * @param <T> the value's type
     */
    @FunctionalInterface
    public interface Setter<T> {
        /**
         * @param builder the label's builder
         * @param name    the name the value was given under (the key's name or one of its aliases)
         * @param value   the value, never {@code null}
         */
        void set(DatabaseConfig.Builder builder, String name, T value);
    }

    /**
     * A bound on one value, checked by {@code build()}.
     *
     * @param <T> the value's type
     */
    @FunctionalInterface
    public interface Bound<T> {
        /**
         * @param value the value, or the default; may be {@code null}
         * @return what is wrong with it, after the key's name ({@code must be 0 or more, but is -1}),
         *     or {@code null} when it is fine
         */
        String problem(T value);
    }

    private final int index;
    private final String name;
    private final List<String> aliases;
    private final Kind<T> kind;
    private final Part part;
    private final T defaultValue;
    private final String defaultDoc;
    private final Bound<T> bound;
    private final Set<Source> sources;
    private final boolean secret;
    private final String shownAs;
    private final Setter<T> setter;
    private final String doc;
    private final Function<T, String> show;

    private Key(Declaration<T> d, int index) {
        this.index = index;
        this.name = d.name;
        this.aliases = List.copyOf(d.aliases);
        this.kind = d.kind;
        this.part = d.part;
        this.defaultValue = d.defaultValue;
        this.defaultDoc = d.defaultDoc;
        this.bound = d.bound;
        this.sources = Set.copyOf(d.sources);
        this.secret = d.secret;
        this.shownAs = d.shownAs;
        this.setter = d.setter;
        this.doc = d.doc;
        this.show = d.show;
    }

    /** @return the position in the table, which indexes {@link Values} */
    int index() {
        return index;
    }

    /** @return the snake_case name */
    public String name() {
        return name;
    }

    /** @return other names for the same setting, in the order they are listed */
    public List<String> aliases() {
        return aliases;
    }

    /** @return the value's type and parser */
    public Kind<T> kind() {
        return kind;
    }

    /** @return the part of the configuration it belongs to */
    public Part part() {
        return part;
    }

    /** @return the value when none is given; {@code null}: not set */
    public T defaultValue() {
        return defaultValue;
    }

    /** @return the default as the README states it */
    public String defaultDoc() {
        return defaultDoc;
    }

    /** @return the sources besides the builder that may give it */
    public Set<Source> sources() {
        return sources;
    }

    /** @return whether its value is never shown (in {@code toString()} or any message) */
    public boolean secret() {
        return secret;
    }

    /** @return the one-line doc, in Markdown, as the README's table shows it */
    public String doc() {
        return doc;
    }

    /** @return the name {@code toString()} shows it under */
    public String shownAs() {
        return shownAs;
    }

    /**
     * @param value a value, may be {@code null}
     * @return the value as {@code toString()} shows it, masked when the key is secret
     */
    public String show(T value) {
        if (secret) {
            return Secrets.mask(value);
        }
        return value == null ? "null" : show.apply(value);
    }

    /**
     * @param value a value (or the default), may be {@code null}
     * @return what is wrong with it, or {@code null}
     */
    public String problem(T value) {
        return bound == null ? null : bound.problem(value);
    }

    /**
     * Binds a value read under one of the key's names to the builder setter, keeping its type.
     *
     * @param given the name it was given under (the key's or an alias)
     * @param value the value, read by {@link #kind()}
     * @return what sets it on a builder; nothing for a key that is only checked
     */
    public Consumer<DatabaseConfig.Builder> binding(String given, T value) {
        return b -> {
            if (setter != null) {
                setter.set(b, given, value);
            }
        };
    }

    /**
     * @param values values indexed by this table
     * @return this key's value
     */
    @SuppressWarnings("unchecked")
    public T get(Values values) {
        return (T) values.raw(index);
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Starts a declaration; {@link Keys} finishes it.
     *
     * @param <T>  the value's type
     * @param name the snake_case name
     * @param kind the type and parser
     * @param part the part of the configuration
     * @return the declaration
     */
    static <T> Declaration<T> declare(String name, Kind<T> kind, Part part) {
        return new Declaration<>(name, kind, part);
    }

    /**
     * A key being declared.
     *
     * @param <T> the value's type
     */
    static final class Declaration<T> {
        private final String name;
        private final Kind<T> kind;
        private final Part part;
        private List<String> aliases = List.of();
        private T defaultValue;
        private String defaultDoc = "none";
        private Bound<T> bound;
        private Set<Source> sources = EnumSet.allOf(Source.class);
        private boolean secret;
        private String shownAs;
        private Setter<T> setter;
        private String doc = "";
        private Function<T, String> show;

        private Declaration(String name, Kind<T> kind, Part part) {
            this.name = name;
            this.kind = kind;
            this.part = part;
            this.shownAs = name;
            this.show = kind.show();
        }

        Declaration<T> aliases(String... names) {
            this.aliases = List.of(names);
            return this;
        }

        Declaration<T> byDefault(T value, String doc) {
            this.defaultValue = value;
            this.defaultDoc = doc;
            return this;
        }

        Declaration<T> byDefault(String doc) {
            this.defaultDoc = doc;
            return this;
        }

        Declaration<T> bound(Bound<T> check) {
            this.bound = check;
            return this;
        }

        Declaration<T> onlyFrom(Source first, Source... rest) {
            this.sources = EnumSet.of(first, rest);
            return this;
        }

        Declaration<T> secret() {
            this.secret = true;
            return this;
        }

        Declaration<T> shownAs(String shown) {
            this.shownAs = shown;
            return this;
        }

        Declaration<T> setsByName(Setter<T> s) {
            this.setter = s;
            return this;
        }

        Declaration<T> sets(BiConsumer<DatabaseConfig.Builder, T> s) {
            this.setter = (b, n, v) -> s.accept(b, v);
            return this;
        }

        Declaration<T> showing(Function<T, String> how) {
            this.show = how;
            return this;
        }

        /** Ends the declaration: the key takes the next position in the table. */
        Key<T> doc(String line) {
            this.doc = line;
            return new Key<>(this, Keys.nextIndex());
        }
    }
}
