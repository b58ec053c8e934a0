package io.multidb.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Records JFR's {@code jdk.VirtualThreadPinned} events (JDK 21 and later) with a threshold of 0,
 * so that every time a virtual thread blocked while pinned to its carrier is recorded, however
 * short.
 */
final class PinnedEvents implements AutoCloseable {
    private static final String PINNED = "jdk.VirtualThreadPinned";
    private final Recording recording = new Recording();

    private PinnedEvents() {
        recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
    }

    /** @return a recording, started */
    static PinnedEvents record() {
        PinnedEvents events = new PinnedEvents();
        events.recording.start();
        return events;
    }

    /**
     * One time a virtual thread was pinned.
     *
     * @param reason   why (JDK 24 and later, e.g. {@code Waited for initialization of X by another
     *                 thread}); {@code pinned} before
     * @param duration how long
     * @param frames   the innermost frames, innermost first
     */
    record Pin(String reason, Duration duration, String frames) {
        static Pin of(RecordedEvent e) {
            List<RecordedFrame> frames = e.getStackTrace() == null ? List.of() : e.getStackTrace().getFrames();
            return new Pin(e.hasField("pinnedReason") ? e.getString("pinnedReason") : "pinned", e.getDuration(),
                    frames.stream().limit(12).map(f -> f.getMethod().getType().getName() + "." + f.getMethod()
                            .getName()).collect(Collectors.joining(" < ")));
        }
    }

    /**
     * Stops recording.
     *
     * @return what was recorded
     */
    List<Pin> stop() throws IOException {
        recording.stop();
        Path file = Files.createTempFile("pinned", ".jfr");
        try {
            recording.dump(file);
            // libraries' own events are enabled in every recording (Jdbi's jdbi.statement, for one)
            return RecordingFile.readAllEvents(file).stream().filter(e -> e.getEventType().getName().equals(PINNED))
                    .map(Pin::of).toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void close() {
        recording.close();
    }
}
