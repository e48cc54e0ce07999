package io.cadenza.api.testing;

import io.cadenza.api.ipfs.FileSync;
import io.cadenza.api.ipfs.IpfsFactory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real fsync, recording what it synced: files and directories by path. For tests of the test application only.
 */
@Singleton
@Requires(property = RecordingFileSync.ENABLED, value = "true")
@Replaces(bean = FileSync.class, factory = IpfsFactory.class)
public final class RecordingFileSync implements FileSync {
    public static final String ENABLED = "cadenza.test.recording-file-sync";

    private final Set<Path> files = ConcurrentHashMap.newKeySet();
    private final Set<Path> directories = ConcurrentHashMap.newKeySet();

    @Override
    public void file(Path file) throws IOException {
        FSYNC.file(file);
        files.add(file.toAbsolutePath());
    }

    @Override
    public void directory(Path directory) throws IOException {
        FSYNC.directory(directory);
        directories.add(directory.toAbsolutePath());
    }

    public Set<Path> files() {
        return Set.copyOf(files);
    }

    public Set<Path> directories() {
        return Set.copyOf(directories);
    }
}
