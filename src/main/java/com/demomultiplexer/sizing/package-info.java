/**
 * The pool that sizes itself (POOL_TARGET_MODE=adaptive): the arithmetic that turns the
 * measured demand and warm-up time into a warm target, and the rules that move the target
 * toward it.
 */
package com.demomultiplexer.sizing;
