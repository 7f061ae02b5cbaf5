package com.demomultiplexer.ops;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.pool.PoolAdministration;
import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.leadership.ReplicaHeartbeat;
import com.demomultiplexer.leadership.ThisReplica;
import com.demomultiplexer.pool.PoolControls;
import com.demomultiplexer.sizing.PoolSizer;
import com.demomultiplexer.store.ReplicaDirectory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' admin API (behind {@link AdminApiKeyFilter}). Who asked is the caller's
 * address, and the name in {@code X-Operator} when given; both go into the log line of
 * every action.
 */
@RestController
@RequestMapping("/admin")
class AdminController {

	private final PoolAdministration administration;

	private final PoolControls controls;

	private final LeaderLease lease;

	private final ReplicaHeartbeat heartbeat;

	private final ThisReplica self;

	AdminController(PoolAdministration administration, PoolControls controls, LeaderLease lease,
			ReplicaHeartbeat heartbeat, ThisReplica self) {
		this.administration = administration;
		this.controls = controls;
		this.lease = lease;
		this.heartbeat = heartbeat;
		this.self = self;
	}

	/**
	 * The deployment's replicas as the one answering sees them.
	 *
	 * @param self the replica that answered
	 * @param leader the replica holding the leader's lease
	 * @param replicas the replicas alive, each with where Caddy reaches its API
	 */
	record Replicas(String self, String leader, List<ReplicaDirectory.Replica> replicas) {
	}

	@GetMapping("/replicas")
	Replicas replicas() {
		return new Replicas(this.self.name(), this.lease.holder(), this.heartbeat.alive());
	}

	/**
	 * One shop, without its secrets.
	 *
	 * @param id its id
	 * @param state its state
	 * @param hostPort its host port
	 * @param createdAt when its warm-up began
	 * @param assignedAt when it was handed out
	 * @param expiresAt when it expires
	 * @param extensions how often it was extended
	 */
	record InstanceSummary(String id, String state, int hostPort, Instant createdAt, Instant assignedAt,
			Instant expiresAt, int extensions) {

		static InstanceSummary of(Instance instance) {
			return new InstanceSummary(instance.id().value(), instance.state().key(), instance.hostPort(),
					instance.createdAt(), instance.assignedAt(), instance.expiresAt(), instance.extensions());
		}

	}

	/**
	 * A new pool target.
	 *
	 * @param target ready shops to keep
	 */
	record Target(int target) {
	}

	@GetMapping("/instances")
	List<InstanceSummary> instances() {
		return this.administration.instances().stream().map(InstanceSummary::of).toList();
	}

	@DeleteMapping("/instances/{id}")
	ResponseEntity<?> forceRelease(@PathVariable String id, HttpServletRequest request) {
		InstanceId instance;
		try {
			instance = new InstanceId(id);
		}
		catch (IllegalArgumentException ex) {
			return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		return this.administration.forceRelease(instance, operator(request)) ? ResponseEntity.noContent().build()
				: problem(HttpStatus.NOT_FOUND, "No live shop has the id " + id + ".");
	}

	/**
	 * Why the pool's target is what it is.
	 *
	 * @param mode POOL_TARGET_MODE: fixed or adaptive
	 * @param target the target every replica works to now
	 * @param pinned whether an operator set it (PUT /admin/pool/target), which holds in
	 * either mode until DELETE /admin/pool/target
	 * @param adaptive adaptive sizing's latest decision, when the mode is adaptive and
	 * the leader has made one
	 */
	record Sizing(String mode, int target, boolean pinned, Adaptive adaptive) {
	}

	/**
	 * @param wanted what the risk bound asks for now (the target follows it down only at
	 * POOL_SHRINK_PER_MINUTE)
	 * @param arrivalsPerMinute the arrival rate sized for
	 * @param shortWindowArrivals acquires counted in the short window
	 * @param longWindowArrivals acquires counted in the long window
	 * @param burst whether the short window saw a burst, so that its rate counts
	 * @param refillSeconds the typical warm-up plus one replenisher interval
	 * @param emptyRisk the chance of an arrival finding the pool empty at the target
	 */
	record Adaptive(int wanted, double arrivalsPerMinute, long shortWindowArrivals, long longWindowArrivals,
			boolean burst, double refillSeconds, double emptyRisk) {

		static Adaptive of(PoolSizer.Decision decision) {
			return new Adaptive(decision.wanted(), decision.demand().arrivalsPerSecond() * 60,
					decision.demand().shortWindowArrivals(), decision.demand().longWindowArrivals(),
					decision.demand().burst(), decision.refillTime().toMillis() / 1000.0, decision.emptyRisk());
		}

	}

	@GetMapping("/pool/sizing")
	Sizing sizing() {
		PoolAdministration.Sizing sizing = this.administration.sizing();
		return new Sizing(sizing.adaptive() ? "adaptive" : "fixed", sizing.target(), sizing.pinned(),
				sizing.decision().map(Adaptive::of).orElse(null));
	}

	@PutMapping("/pool/target")
	ResponseEntity<?> setTarget(@RequestBody Target target, HttpServletRequest request) {
		try {
			this.administration.setTarget(target.target(), operator(request));
			return ResponseEntity.ok(new Target(this.controls.target()));
		}
		catch (IllegalArgumentException ex) {
			return problem(HttpStatus.BAD_REQUEST, ex.getMessage() + ".");
		}
	}

	@DeleteMapping("/pool/target")
	Target clearTarget(HttpServletRequest request) {
		this.administration.clearTarget(operator(request));
		return new Target(this.controls.target());
	}

	@PostMapping("/pool/drain")
	Map<String, Integer> drain(HttpServletRequest request) {
		return Map.of("drained", this.administration.drain(operator(request)), "target", this.controls.target());
	}

	@PostMapping("/replenisher/pause")
	ResponseEntity<Void> pause(HttpServletRequest request) {
		this.administration.pauseReplenisher(operator(request));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/replenisher/resume")
	ResponseEntity<Void> resume(HttpServletRequest request) {
		this.administration.resumeReplenisher(operator(request));
		return ResponseEntity.noContent().build();
	}

	private static String operator(HttpServletRequest request) {
		String name = request.getHeader("X-Operator");
		return ((name != null) ? name.replaceAll("[^\\w .@-]", "") + " " : "") + "from " + request.getRemoteAddr();
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

}
