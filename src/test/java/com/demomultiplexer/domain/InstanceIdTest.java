package com.demomultiplexer.domain;

import java.util.Set;
import java.util.TreeSet;

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

	/**
	 * flashlight exits when PS_DOMAIN starts with "http", and an id begins it. Were the
	 * first character unconstrained, 3,000 ids would all miss "h" with a probability of
	 * (31/32)^3000, about 1e-41.
	 */
	@Test
	void noGeneratedIdStartsWithH() {
		Set<Character> firstCharacters = new TreeSet<>();
		for (int i = 0; i < 3000; i++) {
			firstCharacters.add(InstanceId.random().value().charAt(0));
		}

		assertThat(firstCharacters).doesNotContain('h');
		// The control: every other character of the alphabet does start ids.
		assertThat(firstCharacters).hasSize(31);
	}

	@Test
	void anIdStartingWithHIsStillReadBack() {
		assertThat(new InstanceId("httpabcdefghijklmnop").value()).startsWith("http");
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "abcdefghijklmnopqrs", "abcdefghijklmnopqrstu", "abcdefghijklmnopqrs1",
			"abcdefghijklmnopqrs8", "Abcdefghijklmnopqrst", "abcdefghij.lmnopqrst", "abcdefghij-lmnopqrst" })
	void rejectsAnythingElse(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> new InstanceId(value));
	}

}
