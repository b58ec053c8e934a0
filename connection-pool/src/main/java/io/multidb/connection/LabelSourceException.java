package io.multidb.connection;

/**
 * A label was not configured, and looking it up in the {@link LabelSource} failed: the source
 * threw, or the configuration it gave could not be opened, or another thread's look-up of the
 * same label took too long. Only sessions on that label fail; the failure is remembered for
 * {@link LabelSourceSettings#failureCacheTime()}, then the source is asked again. (A configuration
 * that does not validate is a {@link ConfigurationException} naming the label and key instead.)
 * The message names the label and never a password; the source's exception is the cause.
 *
 * <pre>{@code
 * try (Session s = DatabaseManager.getSession(tenant)) {
 *     ...
 * } catch (UnknownLabelException e) {
 *     throw new NotFoundException("no such tenant: " + e.label());
 * } catch (LabelSourceException e) {
 *     throw new ServiceUnavailableException("tenant " + e.label() + " is unavailable");
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class LabelSourceException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    private final String label;

    /**
     * @param label   the label that was looked up
     * @param message what failed; names the label, never a password
     * @param cause   what the source or the configuration threw, or {@code null}
     */
    public LabelSourceException(String label, String message, Throwable cause) {
        super(message, cause);
        this.label = label;
    }

    /**
     * @return the label that was looked up
     */
    public String label() {
        return label;
    }
}
