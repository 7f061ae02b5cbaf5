package com.demomultiplexer.pool;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.sizing.PoolSizer;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.store.SizingStore;

import org.springframework.stereotype.Service;

/**
 * What operators do to the pool through the admin API. Every action is logged with who
 * asked.
 */
@Service
public class PoolAdministration {

	private static final Logger log = LoggerFactory.getLogger(PoolAdministration.class);

	private final InstanceRepository instances;

	private final InstanceTeardown teardown;

	private final PoolControls controls;

	private final SizingStore sizing;

	PoolAdministration(InstanceRepository instances, InstanceTeardown teardown, PoolControls controls,
			SizingStore sizing) {
		this.instances = instances;
		this.teardown = teardown;
		this.controls = controls;
		this.sizing = sizing;
	}

	/**
	 * Why the target is what it is.
	 *
	 * @param adaptive whether POOL_TARGET_MODE is adaptive
	 * @param target the target every replica works to now
	 * @param pinned whether an operator set it, which holds in either mode
	 * @param decision adaptive sizing's latest decision, if it made one
	 */
	public record Sizing(boolean adaptive, int target, boolean pinned, Optional<PoolSizer.Decision> decision) {
	}

	public Sizing sizing() {
		return new Sizing(this.controls.adaptive(), this.controls.target(), this.controls.pinned(),
				this.controls.adaptive() ? this.sizing.decision() : Optional.empty());
	}

	public List<Instance> instances() {
		return this.instances.records();
	}

	public void setTarget(int target, String operator) {
		this.controls.setTarget(target);
		log.info("Admin {}: pool target set to {}", operator, target);
	}

	/** Back to POOL_TARGET_SIZE, for every replica. */
	public void clearTarget(String operator) {
		this.controls.clearTarget();
		log.info("Admin {}: pool target back to the configuration's ({})", operator, this.controls.target());
	}

	/**
	 * Sets the target to 0 and destroys every ready shop; assigned ones run to their end.
	 */
	public int drain(String operator) {
		this.controls.setTarget(0);
		int drained = 0;
		for (Instance instance : this.instances.records()) {
			if (instance.state() == InstanceState.READY
					&& this.teardown.end(instance.id(), InstanceState.READY, InstanceState.RELEASED, Fence.NONE)) {
				drained++;
			}
		}
		log.info("Admin {}: pool drained ({} ready shops destroyed, target 0)", operator, drained);
		return drained;
	}

	/** Ends a shop in any live state now; false when there is none with this id. */
	public boolean forceRelease(InstanceId id, String operator) {
		boolean released = this.teardown.end(id, null, InstanceState.RELEASED, Fence.NONE);
		log.info("Admin {}: force-release of instance {} {}", operator, id, released ? "done" : "found nothing");
		return released;
	}

	public void pauseReplenisher(String operator) {
		this.controls.pause();
		log.info("Admin {}: replenisher paused", operator);
	}

	public void resumeReplenisher(String operator) {
		this.controls.resume();
		log.info("Admin {}: replenisher resumed", operator);
	}

}
