package com.demomultiplexer.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how shop containers run.
 *
 * @param mode CONTAINER_MODE: the engine shops run on
 * @param dockerHost DOCKER_HOST: the engine's API address; empty means the mode's default
 * socket
 * @param image CONTAINER_IMAGE: the shop image, which must already be present on the
 * engine
 * @param portRangeStart CONTAINER_PORT_RANGE_START: first host port handed to a shop
 * @param portRangeEnd CONTAINER_PORT_RANGE_END: last host port handed to a shop
 * @param bindAddress CONTAINER_BIND_ADDRESS: host address shop ports are published on
 * @param memory CONTAINER_MEMORY: memory limit of one shop
 * @param cpus CONTAINER_CPUS: CPU limit of one shop
 * @param pidsLimit CONTAINER_PIDS_LIMIT: process limit of one shop
 * @param capabilities CONTAINER_CAPABILITIES: the Linux capabilities a shop keeps in its
 * bounding set (all others are dropped). flashlight runs as www-data from the start and
 * its nginx file carries a file capability ({@code cap_net_bind_service=+ep}); the kernel
 * refuses to execute a program whose file capability is outside the bounding set, so
 * NET_BIND_SERVICE must stay. Under no-new-privileges the file capability is never
 * granted: no process holds a capability, and nginx binds port 80 because Docker lets any
 * process in a container bind low ports
 * @param logMaxSize CONTAINER_LOG_MAX_SIZE: size at which a shop's log is rotated (two
 * files kept)
 * @param engineTimeout CONTAINER_ENGINE_TIMEOUT: longest wait for one answer of the
 * engine's API, so a hung engine fails a warm-up or a teardown instead of stalling it
 * @param environment CONTAINER_ENVIRONMENT: more variables for every shop, as
 * {@code NAME=value} pairs separated by commas (e.g. flashlight's DEBUG_MODE, or the
 * stand-in's BOOT_DELAY_SECONDS); the ones the service sets itself cannot be overridden
 */
@Validated
@ConfigurationProperties("container")
public record ContainerProperties(@NotNull Mode mode, String dockerHost, @NotBlank String image,
		@Min(1024) @Max(65535) int portRangeStart, @Min(1024) @Max(65535) int portRangeEnd,
		@NotBlank String bindAddress, @NotNull DataSize memory, @DecimalMin("0.01") @DecimalMax("64") double cpus,
		@Min(16) long pidsLimit, @NotNull List<String> capabilities, @NotNull DataSize logMaxSize,
		@NotNull Duration engineTimeout, @NotNull List<String> environment) {

	/** NAME=value, with a name as a shell would accept it. */
	private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");

	/**
	 * The container engines we speak to: two through the Docker Engine API, and
	 * Kubernetes, whose API server the client finds as kubectl does (in a Pod: its
	 * service account), so it has no socket.
	 */
	public enum Mode {

		DOCKER("unix:///var/run/docker.sock"), PODMAN("unix:///run/podman/podman.sock"), KUBERNETES("");

		private final String defaultSocket;

		Mode(String defaultSocket) {
			this.defaultSocket = defaultSocket;
		}

	}

	@AssertTrue(message = "CONTAINER_PORT_RANGE_START must not be above CONTAINER_PORT_RANGE_END")
	boolean isPortRangeOrdered() {
		return this.portRangeStart <= this.portRangeEnd;
	}

	@AssertTrue(message = "CONTAINER_ENVIRONMENT must be NAME=value pairs separated by commas")
	boolean isEnvironmentWellFormed() {
		return this.environment == null
				|| this.environment.stream().allMatch((variable) -> VARIABLE.matcher(variable).matches());
	}

	/** The variables of CONTAINER_ENVIRONMENT, in order. */
	public Map<String, String> environmentVariables() {
		Map<String, String> variables = new LinkedHashMap<>();
		for (String variable : this.environment) {
			int equals = variable.indexOf('=');
			variables.put(variable.substring(0, equals), variable.substring(equals + 1));
		}
		return variables;
	}

	public URI engineUri() {
		return URI.create(StringUtils.hasText(this.dockerHost) ? this.dockerHost : this.mode.defaultSocket);
	}

}
