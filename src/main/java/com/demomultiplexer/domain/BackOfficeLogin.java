package com.demomultiplexer.domain;

/**
 * The login of a shop's back office, given to its owner only.
 *
 * @param email the administrator's e-mail
 * @param password the administrator's password, generated per shop
 */
public record BackOfficeLogin(String email, String password) {

	/** Never shows the password, so a record that ends up in a log line leaks nothing. */
	@Override
	public String toString() {
		return "BackOfficeLogin[email=" + this.email + ", password=(hidden)]";
	}

}
