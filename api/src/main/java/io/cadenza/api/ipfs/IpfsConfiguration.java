package io.cadenza.api.ipfs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;

/**
 * Where IPFS content lives.
 *
 * @param blockDirectory the local block store: every file the API adds is kept here, block by block as Kubo would
 *     store it, and served from here (default: {@code cadenza-ipfs} under the temporary directory)
 */
@ConfigurationProperties("cadenza.ipfs")
public record IpfsConfiguration(@Nullable Path blockDirectory) {

    public Path blockDirectoryOrDefault() {
        return blockDirectory != null ? blockDirectory
                : Path.of(System.getProperty("java.io.tmpdir"), "cadenza-ipfs", "blocks");
    }
}
