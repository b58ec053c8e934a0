package io.multidb.jta;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Prepared XA branches as the databases report them, filtered by the node id Narayana writes into
 * every global transaction id: {@code pg_prepared_xacts} on PostgreSQL, {@code XA RECOVER} on
 * MariaDB.
 */
public final class Branches {
    private Branches() {
    }

    /**
     * @param admin  a connection to any database of the PostgreSQL server
     * @param nodeId a node id
     * @return {@code database/gid} of every prepared transaction of that node, on every database
     * @throws SQLException when the query fails
     */
    public static List<String> postgres(Connection admin, String nodeId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = admin.createStatement();
                ResultSet rs = s.executeQuery("SELECT database, gid FROM pg_prepared_xacts")) {
            while (rs.next()) {
                String gid = rs.getString(2);
                String[] parts = gid.split("_");
                if (parts.length == 3 && (contains(Base64.getDecoder().decode(parts[1]), nodeId)
                        || contains(Base64.getDecoder().decode(parts[2]), nodeId))) {
                    out.add(rs.getString(1) + "/" + gid);
                }
            }
        }
        return out;
    }

    /**
     * Rolls back every prepared PostgreSQL transaction of a node, each from its own database.
     *
     * @param admin    a connection to the server
     * @param baseUrl  a URL of the server, whose database part is replaced
     * @param user     the user
     * @param nodeId   the node id
     * @throws SQLException when a rollback fails
     */
    public static void rollbackPostgres(Connection admin, String baseUrl, String user, String nodeId)
            throws SQLException {
        for (String entry : postgres(admin, nodeId)) {
            String database = entry.substring(0, entry.indexOf('/'));
            String gid = entry.substring(entry.indexOf('/') + 1);
            String url = baseUrl.substring(0, baseUrl.lastIndexOf('/') + 1) + database;
            try (Connection c = DriverManager.getConnection(url, user, null); Statement s = c.createStatement()) {
                s.execute("ROLLBACK PREPARED '" + gid + "'");
            }
        }
    }

    /**
     * @param admin  a connection to the MariaDB server
     * @param nodeId a node id
     * @return {@code XA COMMIT}/{@code XA ROLLBACK} arguments of every prepared branch of that node
     * @throws SQLException when the query fails
     */
    public static List<String> mariadb(Connection admin, String nodeId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("XA RECOVER")) {
            while (rs.next()) {
                int format = rs.getInt("formatID");
                int gtridLength = rs.getInt("gtrid_length");
                byte[] data = rs.getBytes("data");
                byte[] gtrid = java.util.Arrays.copyOfRange(data, 0, gtridLength);
                byte[] bqual = java.util.Arrays.copyOfRange(data, gtridLength, data.length);
                if (contains(data, nodeId)) {
                    HexFormat hex = HexFormat.of();
                    out.add("X'" + hex.formatHex(gtrid) + "',X'" + hex.formatHex(bqual) + "'," + format);
                }
            }
        }
        return out;
    }

    /**
     * Rolls back every prepared MariaDB branch of a node.
     *
     * @param admin  a connection to the server
     * @param nodeId the node id
     * @throws SQLException when a rollback fails
     */
    public static void rollbackMariadb(Connection admin, String nodeId) throws SQLException {
        for (String xid : mariadb(admin, nodeId)) {
            try (Statement s = admin.createStatement()) {
                s.execute("XA ROLLBACK " + xid);
            }
        }
    }

    private static boolean contains(byte[] haystack, String nodeId) {
        byte[] needle = nodeId.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
