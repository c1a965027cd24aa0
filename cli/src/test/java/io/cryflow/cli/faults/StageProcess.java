package io.cryflow.cli.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One Cryflow stage ({@code ./cryflow features ...}) in a JVM of its own, so a test can kill it the
 * way a crash or an OOM-killer does: {@link #kill()} is SIGKILL, no shutdown hook, no commit, no
 * flush. Its output goes to a log file next to its state, for the test report.
 */
final class StageProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private StageProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code cryflow --config <file> <stage> --bootstrap-servers <servers> --state-dir <stateDir>}
     * from the runnable jar the build made (system property {@code cryflow.jar}, set by failsafe after
     * packaging): the stage as users run it. {@code settings} become the config file (cryflow.* keys, and
     * kafka.* keys for the Kafka clients).
     */
    static StageProcess start(String name, String stage, String bootstrapServers, Path stateDir, Map<String, String> settings)
            throws IOException {
        Files.createDirectories(stateDir);
        Path config = stateDir.resolveSibling(name + ".properties");
        Properties properties = new Properties();
        properties.putAll(settings);
        try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            properties.store(out, "fault test " + name);
        }
        Path log = stateDir.resolveSibling(name + ".log");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", runnableJar().toString(),
                "--config", config.toString(), stage, "--bootstrap-servers", bootstrapServers,
                "--state-dir", stateDir.toString(), "--metrics-port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CRYFLOW_LOG_LEVEL", "INFO");
        return new StageProcess(name, builder.start(), log);
    }

    private static Path runnableJar() {
        String jar = System.getProperty("cryflow.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the runnable jar (-Dcryflow.jar, set by failsafe after packaging) is missing: " + jar);
        }
        return Path.of(jar);
    }

    /** Waits until the stage says it runs; fails with its log when it exits or the time runs out. */
    void awaitRunning(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(" running against ")) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " not running after " + timeout + ":\n" + tail());
    }

    /** SIGKILL: the process vanishes mid-whatever, as in a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** SIGTERM: a clean stop through the stage's shutdown hook. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(40), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
