package io.cadenza.chain.deployment;

/** Deploying the suite failed; what was deployed before the failure is recorded and is reused on the next attempt. */
public final class DeploymentFailedException extends RuntimeException {
    public DeploymentFailedException(String message) {
        super(message);
    }

    public DeploymentFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
