package io.cadenza.api.ipfs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Where IPFS content lives. Every file is first added to the local block store (so its CID is known before any node
 * is asked, and a failed pin can be retried from it); then pinned wherever is configured: a Kubo node, a pinning
 * service, both, or neither (the embedded default: the API serves its files itself at /ipfs/{cid}, and as CAR).
 *
 * @param blockDirectory the local block store (default: {@code cadenza-ipfs/blocks} under the temporary directory)
 * @param kuboApiUrl a Kubo RPC API, e.g. http://127.0.0.1:5001, to add and pin every file to
 * @param pinningServiceUrl an IPFS Pinning Service API endpoint to pin every file with
 * @param pinningServiceToken its access token (never logged)
 * @param pinningServiceOrigins multiaddrs of nodes holding the content, as hints for the pinning service
 */
@ConfigurationProperties("cadenza.ipfs")
public record IpfsConfiguration(@Nullable Path blockDirectory, @Nullable URI kuboApiUrl,
        @Nullable URI pinningServiceUrl, @Nullable String pinningServiceToken,
        @Nullable List<String> pinningServiceOrigins) {

    public Path blockDirectoryOrDefault() {
        return blockDirectory != null ? blockDirectory
                : Path.of(System.getProperty("java.io.tmpdir"), "cadenza-ipfs", "blocks");
    }

    @Override
    public String toString() {
        return "IpfsConfiguration[blockDirectory=" + blockDirectory + ", kuboApiUrl=" + kuboApiUrl
                + ", pinningServiceUrl=" + pinningServiceUrl + "]";
    }
}
