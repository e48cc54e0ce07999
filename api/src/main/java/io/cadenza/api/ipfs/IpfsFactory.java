package io.cadenza.api.ipfs;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.IOException;

@Factory
public class IpfsFactory {
    @Singleton
    BlockStore blockStore(IpfsConfiguration configuration) throws IOException {
        return new FileBlockStore(configuration.blockDirectoryOrDefault());
    }

    @Singleton
    UnixFsImporter unixFsImporter() {
        return new UnixFsImporter();
    }

    @Singleton
    CarExport carExport(BlockStore blocks) {
        return new CarExport(blocks);
    }
}
