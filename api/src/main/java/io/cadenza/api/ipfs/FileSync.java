package io.cadenza.api.ipfs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes what the block store writes survive a power cut, as Kubo's flatfs does with sync on: a file's bytes before it
 * gets its name, and a directory's entries before anything points at the names in it. A seam so that tests can see
 * that it happens; there is no implementation that skips it.
 */
public interface FileSync {
    /** The file's bytes and size are on disk when this returns (fdatasync). */
    void file(Path file) throws IOException;

    /** The directory's entries (names created, renamed or removed in it) are on disk when this returns (fsync). */
    void directory(Path directory) throws IOException;

    /** fsync(2) through {@link FileChannel#force}; Linux opens a directory for reading to sync it. */
    FileSync FSYNC = new FileSync() {
        @Override
        public void file(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(false);
            }
        }

        @Override
        public void directory(Path directory) throws IOException {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    };
}
