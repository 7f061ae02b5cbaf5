package com.demomultiplexer.database;

/**
 * One shop's database and the user that owns it, as handed to the shop's container.
 *
 * @param name the database
 * @param user the MariaDB user
 * @param password the user's password
 */
public record ShopDatabase(String name, String user, String password) {

	/** Never shows the password, so a record that ends up in a log line leaks nothing. */
	@Override
	public String toString() {
		return "ShopDatabase[name=" + this.name + ", user=" + this.user + ", password=(hidden)]";
	}

}
