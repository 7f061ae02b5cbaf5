package com.demomultiplexer.sizing;

/**
 * Tails of the Poisson distribution, which both the pool's empty risk and the detection
 * of a burst of arrivals rest on.
 */
final class Poisson {

	private Poisson() {
	}

	/** P(N ≥ k) for N ~ Poisson(mean). */
	static double atLeast(long k, double mean) {
		if (k <= 0) {
			return 1;
		}
		if (mean == 0) {
			return 0;
		}
		Cumulative cdf = new Cumulative(mean);
		double atMost = 0;
		for (long i = 0; i < k; i++) {
			atMost = cdf.next();
		}
		return Math.max(0, 1 - atMost);
	}

	/**
	 * The smallest k ≥ 1 with P(N ≥ k) ≤ {@code tail}, at most {@code ceiling}; 0 when
	 * the mean is 0.
	 */
	static int smallestWithTailAtMost(double mean, double tail, int ceiling) {
		if (mean == 0) {
			return 0;
		}
		// P(N ≥ k) = 1 - P(N ≤ k - 1): one more term of the CDF per step.
		Cumulative cdf = new Cumulative(mean);
		for (int k = 1; k <= ceiling; k++) {
			if (1 - cdf.next() <= tail) {
				return k;
			}
		}
		return ceiling;
	}

	/**
	 * P(N ≤ i) for i = 0, 1, 2, ... in turn, each term summed in logs so that a large
	 * mean does not underflow.
	 */
	private static final class Cumulative {

		private final double mean;

		private final double logMean;

		private long i = -1;

		private double logFactorial;

		private double sum;

		Cumulative(double mean) {
			this.mean = mean;
			this.logMean = Math.log(mean);
		}

		double next() {
			this.i++;
			if (this.i > 0) {
				this.logFactorial += Math.log(this.i);
			}
			this.sum += Math.exp(-this.mean + this.i * this.logMean - this.logFactorial);
			return Math.min(1, this.sum);
		}

	}

}
