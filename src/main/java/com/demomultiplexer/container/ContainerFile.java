package com.demomultiplexer.container;

/**
 * A text file placed in a container after it is created and before it starts.
 *
 * @param path its absolute path in the container; missing folders are made (root, 0755)
 * @param content its text, written as UTF-8
 * @param mode its permission bits, e.g. {@code 0644}; it belongs to root
 */
public record ContainerFile(String path, String content, int mode) {

	public ContainerFile {
		if (path == null || !path.startsWith("/") || path.endsWith("/") || path.contains("/../")
				|| path.contains("//")) {
			throw new IllegalArgumentException("A container file needs an absolute path to a file: " + path);
		}
		if (mode < 0 || mode > 0777) {
			throw new IllegalArgumentException("Permission bits are 0 to 0777: " + Integer.toOctalString(mode));
		}
	}

}
