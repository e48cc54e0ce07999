package io.cadenza.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An operator's command of the deployable ({@code java … io.cadenza.api.Application <command>}) run as a process of
 * its own, configured by environment like the deployable; its output (stdout and stderr) and exit code.
 */
public record ApplicationCommand(int exitCode, List<String> output) {

    public String lastLine() {
        return output.isEmpty() ? "" : output.getLast();
    }

    public static ApplicationCommand run(Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.cadenza.api.Application"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        try (var lines = process.inputReader(StandardCharsets.UTF_8)) {
            lines.lines().forEach(output::add);
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new ApplicationCommand(process.exitValue(), output);
    }
}
