package io.multidb.connection.internal;

import java.util.Collection;
import java.util.Locale;

/**
 * The one place that writes "Did you mean ...?": for misspelt configuration keys, engines, labels
 * and driver properties. Names are compared lower-cased without {@code _}, {@code -} and {@code .};
 * a candidate qualifies within an edit distance (with transpositions) of 1 to 3, growing with the
 * length, or when one name is a prefix of the other.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * @param wanted     the name that was not found
     * @param candidates the valid names
     * @return the best candidate, or {@code null} when none is close
     */
    public static String closest(String wanted, Collection<String> candidates) {
        if (wanted == null || candidates == null) {
            return null;
        }
        String w = normalize(wanted);
        int limit = Math.min(3, Math.max(1, w.length() / 2));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            String c = normalize(candidate);
            int distance = distance(w, c);
            boolean prefix = Math.min(w.length(), c.length()) >= 2 && (c.startsWith(w) || w.startsWith(c));
            if ((distance <= limit || prefix) && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /**
     * @param suggestion the name to suggest, may be {@code null}
     * @return {@code Did you mean 'x'?}, or the empty string when there is nothing to suggest
     */
    public static String didYouMean(String suggestion) {
        return suggestion == null ? "" : "Did you mean '" + suggestion + "'?";
    }

    /**
     * @param wanted     the name that was not found
     * @param candidates the valid names
     * @return {@code " Did you mean 'x'?"} (with a leading space) for the closest candidate, or the
     *     empty string when none is close
     */
    public static String didYouMean(String wanted, Collection<String> candidates) {
        String closest = closest(wanted, candidates);
        return closest == null ? "" : " " + didYouMean(closest);
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
    }

    /** Edit distance counting an adjacent transposition as one edit (optimal string alignment). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
