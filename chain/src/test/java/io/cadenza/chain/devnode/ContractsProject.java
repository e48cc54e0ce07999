package io.cadenza.chain.devnode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The contracts/ Hardhat project of this repository, found from the working directory or configuration. */
public record ContractsProject(Path directory) {
    /** System property or environment variable (CADENZA_CONTRACTS_DIR) naming the contracts directory. */
    public static final String DIRECTORY_PROPERTY = "cadenza.contracts.dir";
    /** How many parent directories to search for contracts/ above the working directory. */
    private static final int PARENT_SEARCH_DEPTH_MAX = 4;

    public ContractsProject {
        directory = directory.toAbsolutePath().normalize();
        if (!Files.isRegularFile(directory.resolve("hardhat.config.ts"))) {
            throw new IllegalArgumentException("not a Hardhat project (no hardhat.config.ts): " + directory);
        }
    }

    /** The configured directory, else contracts/ in the working directory or one of its parents. */
    public static ContractsProject locate() {
        String configured = Optional.ofNullable(System.getProperty(DIRECTORY_PROPERTY))
                .orElse(System.getenv("CADENZA_CONTRACTS_DIR"));
        if (configured != null) {
            return new ContractsProject(Path.of(configured));
        }
        Path directory = Path.of("").toAbsolutePath();
        for (int depth = 0; depth <= PARENT_SEARCH_DEPTH_MAX && directory != null; depth++) {
            Path candidate = directory.resolve("contracts");
            if (Files.isRegularFile(candidate.resolve("hardhat.config.ts"))) {
                return new ContractsProject(candidate);
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException("no contracts/ Hardhat project above " + Path.of("").toAbsolutePath()
                + ": run from the repository, or set " + DIRECTORY_PROPERTY);
    }

    public Path buildScript() {
        return directory.resolve("scripts/build.sh");
    }
}
