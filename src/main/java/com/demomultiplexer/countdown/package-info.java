/**
 * Live countdowns of demos over Server-Sent Events: one shared ticker serves every open
 * stream, and extensions and endings reach every stream of a demo, whichever process
 * handled them.
 */
package com.demomultiplexer.countdown;
