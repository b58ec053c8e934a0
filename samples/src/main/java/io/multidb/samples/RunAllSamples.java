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
    }
}
