package io.cadenza.jobs.background;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How background jobs run (on instances with the jobs role).
 *
 * @param workers jobs one instance runs at once
 * @param pollInterval how often a job server looks for work: at least 5 s (JobRunr refuses less); its default, 15 s,
 *     is long for money that waits on it
 * @param dashboard JobRunr's dashboard
 */
@ConfigurationProperties("cadenza.jobs")
public record JobsConfiguration(
        @Bindable(defaultValue = "4") @Min(1) @Max(64) int workers,
        @Bindable(defaultValue = "5s") @NotNull Duration pollInterval,
        @NotNull Dashboard dashboard) {

    /**
     * The dashboard, served on its own port: bound to the loopback interface unless told otherwise (it shows job
     * arguments, and lets whoever sees it delete and requeue jobs), and behind basic authentication. Without a
     * password it is not served at all.
     */
    @ConfigurationProperties("dashboard")
    public record Dashboard(
            @Bindable(defaultValue = "true") boolean enabled,
            @Bindable(defaultValue = "127.0.0.1") @NotBlank String host,
            @Bindable(defaultValue = "8000") @Min(0) @Max(65535) int port,
            @Bindable(defaultValue = "admin") @NotBlank String username,
            @Nullable String password) {

        public boolean served() {
            return enabled && password != null && !password.isBlank();
        }

        @Override
        public String toString() {
            // Never the password: configuration objects end up in logs.
            return "Dashboard[enabled=" + enabled + ", host=" + host + ", port=" + port + ", username=" + username
                    + ", password=" + (password == null ? "unset" : "set") + "]";
        }
    }
}
