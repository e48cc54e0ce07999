package io.cadenza.api.testing;

import io.cadenza.api.ipfs.FileSync;
import io.cadenza.api.ipfs.IpfsFactory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The real fsync, recording what it synced, in order: files and directories by path. A test takes a {@link #mark()}
 * before what it checks and reads what was synced since (a directory synced by an earlier upload does not count).
 * For tests of the test application only.
 */
@Singleton
@Requires(property = RecordingFileSync.ENABLED, value = "true")
@Replaces(bean = FileSync.class, factory = IpfsFactory.class)
public final class RecordingFileSync implements FileSync {
    public static final String ENABLED = "cadenza.test.recording-file-sync";

    /** A position in the record. */
    public record Mark(int files, int directories) {}

    private final List<Path> files = new ArrayList<>();
    private final List<Path> directories = new ArrayList<>();

    @Override
    public void file(Path file) throws IOException {
        FSYNC.file(file);
        synchronized (this) {
            files.add(file.toAbsolutePath());
        }
    }

    @Override
    public void directory(Path directory) throws IOException {
        FSYNC.directory(directory);
        synchronized (this) {
            directories.add(directory.toAbsolutePath());
        }
    }

    public synchronized Mark mark() {
        return new Mark(files.size(), directories.size());
    }

    /** How many file syncs happened since {@code mark}. */
    public synchronized int filesSyncedSince(Mark mark) {
        return files.size() - mark.files();
    }

    /** The directories synced since {@code mark}. */
    public synchronized Set<Path> directoriesSyncedSince(Mark mark) {
        return Set.copyOf(directories.subList(mark.directories(), directories.size()));
    }
}
