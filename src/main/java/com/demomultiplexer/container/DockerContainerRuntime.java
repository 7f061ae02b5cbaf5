package com.demomultiplexer.container;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.system.DependencyCalls;
import com.demomultiplexer.system.DependencyCalls.Dependency;

import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * {@link ContainerRuntime} on the Docker Engine API through docker-java, for Docker and
 * for Podman's compatible API; {@link EngineDifferences} holds what differs.
 */
@Component
@Conditional(OnDockerApi.class)
class DockerContainerRuntime implements ContainerRuntime {

	private final DockerClient docker;

	private final DependencyCalls calls;

	private final EngineDeadline deadline;

	private final EngineDifferences engine;

	DockerContainerRuntime(DockerClient docker, DependencyCalls calls, ContainerProperties container) {
		this.docker = docker;
		this.calls = calls;
		this.deadline = new EngineDeadline(container.engineTimeout());
		this.engine = EngineDifferences.of(container.mode(), docker);
	}

	/** A call of the engine's API: timed, and given up at the deadline. */
	private <T> T engine(Supplier<T> call) {
		return this.calls.call(Dependency.DOCKER, () -> this.deadline.call(call));
	}

	private void engine(Runnable call) {
		engine(() -> {
			call.run();
			return null;
		});
	}

	@PreDestroy
	void close() {
		this.deadline.close();
	}

	@Override
	public void start(ContainerSpec spec) {
		engine(() -> {
			ExposedPort shopPort = ExposedPort.tcp(spec.containerPort());
			String network = this.engine.networkFor(spec);
			HostConfig hostConfig = this.engine.complete(HostConfig.newHostConfig()
				.withPortBindings(
						new PortBinding(Ports.Binding.bindIpAndPort(spec.bindAddress(), spec.hostPort()), shopPort))
				.withNetworkMode(network)
				.withMemory(spec.confinement().memoryBytes())
				.withMemorySwap(spec.confinement().memoryBytes())
				.withNanoCPUs(spec.confinement().nanoCpus())
				.withPidsLimit(spec.confinement().pidsLimit())
				.withPrivileged(false)
				.withCapDrop(Capability.ALL)
				.withCapAdd(
						spec.confinement().capabilities().stream().map(Capability::valueOf).toArray(Capability[]::new))
				.withSecurityOpts(List.of("no-new-privileges:true"))
				.withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE,
						Map.of("max-size", String.valueOf(spec.confinement().logMaxBytes()), "max-file", "2")))
				// A shop is single-use: a dead one is replaced, never restarted.
				.withRestartPolicy(RestartPolicy.noRestart()));
			List<String> environment = spec.environment()
				.entrySet()
				.stream()
				.map((variable) -> variable.getKey() + "=" + variable.getValue())
				.toList();
			try {
				this.docker.createContainerCmd(spec.image())
					.withName(spec.name())
					.withEnv(environment)
					.withLabels(spec.labels())
					.withExposedPorts(shopPort)
					.withHostConfig(hostConfig)
					.exec();
			}
			catch (RuntimeException ex) {
				// No container (the image is missing): only its network, if it had one
				// of its own, is left to remove.
				this.engine.removeNetworkOf(spec.name());
				throw ex;
			}
			try {
				if (!spec.files().isEmpty()) {
					this.docker.copyArchiveToContainerCmd(spec.name())
						.withRemotePath("/")
						.withTarInputStream(new ByteArrayInputStream(ContainerArchive.of(spec.files())))
						.exec();
				}
				this.docker.startContainerCmd(spec.name()).exec();
			}
			catch (RuntimeException ex) {
				// Created but not started (the files could not be placed, the port is
				// taken): do not leave it behind.
				remove(spec.name());
				throw ex;
			}

		});
	}

	@Override
	public ContainerStatus status(String name) {
		return engine(() -> {
			try {
				InspectContainerResponse.ContainerState state = this.docker.inspectContainerCmd(name).exec().getState();
				return new ContainerStatus(true, Boolean.TRUE.equals(state.getRunning()),
						(state.getExitCodeLong() != null) ? state.getExitCodeLong() : 0,
						Boolean.TRUE.equals(state.getOOMKilled()));
			}
			catch (NotFoundException ex) {
				return ContainerStatus.GONE;
			}

		});
	}

	@Override
	public void remove(String name) {
		engine(() -> {
			try {
				this.docker.removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
			}
			catch (NotFoundException ex) {
				// Already gone: removal is idempotent.
			}
			catch (ConflictException ex) {
				// "removal already in progress": another teardown got there first.
				if (!ex.getMessage().contains("already in progress")) {
					throw ex;
				}
			}
			this.engine.removeNetworkOf(name);

		});
	}

	@Override
	public List<ManagedContainer> list(Map<String, String> labels) {
		return engine(() -> {
			List<ManagedContainer> containers = this.docker.listContainersCmd()
				.withShowAll(true)
				.withLabelFilter(labels)
				.exec()
				.stream()
				.map((container) -> new ManagedContainer(container.getNames()[0].substring(1), container.getLabels(),
						"running".equals(container.getState())))
				.toList();
			Set<String> names = containers.stream().map(ManagedContainer::name).collect(Collectors.toSet());
			return Stream.concat(containers.stream(), this.engine.networksWithoutContainer(labels, names).stream())
				.toList();

		});
	}

	@Override
	public Closeable watchStops(Map<String, String> labels, Consumer<Map<String, String>> onStop, Runnable onEnd) {
		return this.docker.eventsCmd()
			.withLabelFilter(labels)
			.withEventTypeFilter(EventType.CONTAINER)
			.withEventFilter(this.engine.deathEvent())
			.exec(new ResultCallback.Adapter<Event>() {

				@Override
				public void onNext(Event event) {
					onStop.accept(event.getActor().getAttributes());
				}

				@Override
				public void onError(Throwable failure) {
					super.onError(failure);
					onEnd.run();
				}

				@Override
				public void onComplete() {
					super.onComplete();
					onEnd.run();
				}

			});
	}

	@Override
	public void ensureNetwork(ShopNetwork network) {
		engine(() -> this.engine.ensureNetwork(network));
	}

	@Override
	public void ping() {
		engine(() -> {
			this.docker.pingCmd().exec();

		});
	}

}
