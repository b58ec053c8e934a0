package io.multidb.samples;

/**
 * Runs every sample in turn; README's first command runs this.
 */
public final class RunAllSamples {
    private RunAllSamples() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("=== Quickstart (ported from the Python original) ===");
        Quickstart.main(args);

        System.out.println("\n=== DAOs: users and posts ===");
        DaoSample.main(args);

        System.out.println("\n=== A multi-database backend ===");
        MultiDatabaseBackendSample.main(args);

        System.out.println("\n=== A multi-tenant HTTP service: the tenant per request, from a catalog ===");
        TenantHttpSample.main(args);

        // last: it shuts JTA support down, and Narayana cannot be enabled twice in one JVM
        System.out.println("\n=== XA transfer across two databases (multidb-jta-support) ===");
        XaTransferSample.main(args);
    }
}
