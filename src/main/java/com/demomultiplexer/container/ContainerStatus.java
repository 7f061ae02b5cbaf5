package com.demomultiplexer.container;

/**
 * A container's state as the engine reports it.
 *
 * @param exists whether the engine knows the container
 * @param running whether its process runs
 * @param exitCode its exit code once it stopped
 * @param oomKilled whether the kernel killed it for memory
 */
public record ContainerStatus(boolean exists, boolean running, long exitCode, boolean oomKilled) {

	public static final ContainerStatus GONE = new ContainerStatus(false, false, 0, false);

	/** Why a container that should be running is not, in words for a log line. */
	public String describeStop() {
		if (!this.exists) {
			return "the container disappeared";
		}
		return "the container exited with code " + this.exitCode + (this.oomKilled ? " (OOM-killed)" : "");
	}

}
