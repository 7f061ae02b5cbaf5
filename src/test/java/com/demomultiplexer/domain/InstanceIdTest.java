package com.demomultiplexer.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InstanceIdTest {

	@Test
	void randomIdsAreTwentyBase32CharactersAndDiffer() {
		InstanceId first = InstanceId.random();
		assertThat(first.value()).matches("[a-z2-7]{20}");
		assertThat(new InstanceId(first.value())).isEqualTo(first);
		assertThat(InstanceId.random()).isNotEqualTo(first);
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "abcdefghijklmnopqrs", "abcdefghijklmnopqrstu", "abcdefghijklmnopqrs1",
			"abcdefghijklmnopqrs8", "Abcdefghijklmnopqrst", "abcdefghij.lmnopqrst", "abcdefghij-lmnopqrst" })
	void rejectsAnythingElse(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> new InstanceId(value));
	}

}
