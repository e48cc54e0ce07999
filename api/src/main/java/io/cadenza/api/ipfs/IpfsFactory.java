package io.cadenza.api.ipfs;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;

@Factory
public class IpfsFactory {
    @Singleton
    FileSync fileSync() {
        return FileSync.FSYNC;
    }

    @Singleton
    BlockStore blockStore(IpfsConfiguration configuration, FileSync sync) throws IOException {
        return new FileBlockStore(configuration.blockDirectoryOrDefault(), sync);
    }

    @Singleton
    UnixFsImporter unixFsImporter() {
        return new UnixFsImporter();
    }

    @Singleton
    CarExport carExport(BlockStore blocks) {
        return new CarExport(blocks);
    }

    @Singleton
    @Requires(property = "cadenza.ipfs.kubo-api-url")
    RemotePin kubo(IpfsConfiguration configuration, BlockStore blocks) {
        return new KuboRpcClient(configuration.kuboApiUrl(), blocks);
    }

    @Singleton
    @Requires(property = "cadenza.ipfs.pinning-service-url")
    RemotePin pinningService(IpfsConfiguration configuration, JsonMapper json) {
        if (configuration.pinningServiceToken() == null || configuration.pinningServiceToken().isBlank()) {
            throw new IllegalStateException("cadenza.ipfs.pinning-service-url is set but pinning-service-token is not");
        }
        List<String> origins = configuration.pinningServiceOrigins() == null ? List.of()
                : configuration.pinningServiceOrigins();
        return new PinningServiceClient(configuration.pinningServiceUrl(), configuration.pinningServiceToken(),
                origins, json);
    }
}
