package io.multidb.jta.internal;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.XAConnection;
import javax.sql.XADataSource;

/**
 * The {@link XADataSource} Agroal is given for a label. Agroal creates its data sources from a
 * class name and string properties, so it gets this class and the key of the label's
 * {@link XaConnectionSource}; every connection then comes from that source, set up as the label
 * requires. Public only because Agroal instantiates it reflectively; not API.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class LabelXaDataSource implements XADataSource {
    private static final Map<String, XaConnectionSource> SOURCES = new ConcurrentHashMap<>();

    private volatile String sourceKey;
    private volatile int loginTimeout;

    /** For Agroal, which creates data sources by reflection. */
    public LabelXaDataSource() {
    }

    /**
     * @param source a label's connection source
     * @return the key Agroal passes back through {@link #setSourceKey(String)}
     */
    static String register(XaConnectionSource source) {
        String key = source.config().label() + "-" + UUID.randomUUID();
        SOURCES.put(key, source);
        return key;
    }

    /**
     * @param key a key from {@link #register(XaConnectionSource)}; later connections fail
     */
    static void unregister(String key) {
        SOURCES.remove(key);
    }

    /**
     * Called by Agroal with the {@code sourceKey} property.
     *
     * @param key the key of the label's connection source
     */
    public void setSourceKey(String key) {
        this.sourceKey = key;
    }

    @Override
    public XAConnection getXAConnection() throws SQLException {
        XaConnectionSource source = sourceKey == null ? null : SOURCES.get(sourceKey);
        if (source == null) {
            throw new SQLException("The XA pool of this label has been closed");
        }
        return source.open();
    }

    @Override
    public XAConnection getXAConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("XA connections use the label's configured user");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Multidb logs through SLF4J
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the label's data source has its own, derived from pool_timeout
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("Multidb logs through SLF4J");
    }
}
