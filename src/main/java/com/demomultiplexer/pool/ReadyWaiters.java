package com.demomultiplexer.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import com.demomultiplexer.domain.InstanceEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Lets acquires wait for the next shop, first come first served. Waiters queue on a fair
 * lock; the one at the head tries again each time a shop enters the pool (an event from
 * Valkey), and at the latest every second in case an event was missed — never in a tight
 * loop.
 */
@Component
class ReadyWaiters {

	private static final Duration FALLBACK_RECHECK = Duration.ofSeconds(1);

	private final ReentrantLock queue = new ReentrantLock(true);

	private final Condition shopReady = this.queue.newCondition();

	private final Clock clock;

	ReadyWaiters(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Calls {@code attempt} until it gives a result or {@code wait} has passed, in turn
	 * with other waiters; the last empty answer when time runs out.
	 */
	<T> Optional<T> await(Duration wait, Supplier<Optional<T>> attempt) throws InterruptedException {
		Instant deadline = this.clock.instant().plus(wait);
		if (!this.queue.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
			return attempt.get();
		}
		try {
			Optional<T> result = attempt.get();
			while (result.isEmpty()) {
				Duration left = Duration.between(this.clock.instant(), deadline);
				if (left.isNegative() || left.isZero()) {
					break;
				}
				this.shopReady.await(Math.min(left.toMillis(), FALLBACK_RECHECK.toMillis()), TimeUnit.MILLISECONDS);
				result = attempt.get();
			}
			return result;
		}
		finally {
			this.queue.unlock();
		}
	}

	@EventListener
	void onShopReady(InstanceEvent.Ready ready) {
		// Never blocks the caller (Lettuce's event loop): if the head waiter is busy
		// trying, it
		// tries again within a second anyway.
		if (this.queue.tryLock()) {
			try {
				this.shopReady.signal();
			}
			finally {
				this.queue.unlock();
			}
		}
	}

}
