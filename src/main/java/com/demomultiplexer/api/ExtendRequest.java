package com.demomultiplexer.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * An extension: how many minutes to add to the demo's expiry.
 *
 * @param minutes 1 to 1440; the demo's own caps (lifetime, number of extensions) may
 * allow less
 */
record ExtendRequest(@NotNull @Min(1) @Max(1440) Integer minutes) {
}
