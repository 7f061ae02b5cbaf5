package com.demomultiplexer.reconcile;

import com.demomultiplexer.store.Fence;

import org.springframework.context.ApplicationContext;

/**
 * Lets tests outside this package run one round of the service's package-private
 * reconciler.
 */
public final class ReconcilerAccess {

	private ReconcilerAccess() {
	}

	public static void round(ApplicationContext context, Fence fence) {
		context.getBean(Reconciler.class).round(fence);
	}

}
