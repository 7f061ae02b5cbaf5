package com.demomultiplexer.database;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.store.InstanceRepository;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * At start-up and every SHOP_DB_SWEEP_INTERVAL, drops shop databases and users that
 * belong to no recorded shop: left by a process that died between creating them and
 * recording their end. A shop is recorded before its database is created and forgotten
 * after it is dropped, so a database without a record is never one being worked on.
 */
@Component
class ShopDatabaseSweeper {

	private static final Logger log = LoggerFactory.getLogger(ShopDatabaseSweeper.class);

	private final ShopDatabases databases;

	private final InstanceRepository instances;

	private final Counter swept;

	ShopDatabaseSweeper(ShopDatabases databases, InstanceRepository instances, MeterRegistry meters) {
		this.databases = databases;
		this.instances = instances;
		this.swept = Counter.builder("demo.databases.swept")
			.description("Shop databases and users dropped because no shop owned them")
			.register(meters);
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${shop-database.sweep-interval}")
	void sweep() {
		try {
			for (InstanceId id : this.databases.existing()) {
				if (this.instances.find(id).isEmpty()) {
					this.databases.drop(id);
					this.swept.increment();
					log.info("Dropped the database and user of instance {}, which no longer exists", id);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Sweeping shop databases failed, retrying next round: {}", ex.toString());
		}
	}

}
