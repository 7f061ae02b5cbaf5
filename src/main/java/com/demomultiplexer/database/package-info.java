/**
 * Each shop's private database and MariaDB user on the shared MariaDB: created before its
 * container starts, dropped with it, and swept when a shop disappeared without its
 * teardown.
 */
package com.demomultiplexer.database;
