package com.demomultiplexer.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValkeyOutboxStoreTest {

	@Test
	void theIdFollowingAnEntryHasTheNextSequenceNumberInTheSameMillisecond() {
		assertThat(ValkeyOutboxStore.following("1795877805534-0")).isEqualTo("1795877805534-1");
		assertThat(ValkeyOutboxStore.following("1795877805534-9")).isEqualTo("1795877805534-10");
	}

}
