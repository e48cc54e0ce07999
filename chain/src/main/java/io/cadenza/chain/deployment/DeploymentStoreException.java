package io.cadenza.chain.deployment;

/** The deployment manifest could not be read or written. */
public final class DeploymentStoreException extends RuntimeException {
    public DeploymentStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
