/**
 * Each shop's private database and MariaDB user on the shared MariaDB: created before its
 * container starts and dropped with it; the reconciler drops those of shops that vanished
 * without a teardown.
 */
package com.demomultiplexer.database;
