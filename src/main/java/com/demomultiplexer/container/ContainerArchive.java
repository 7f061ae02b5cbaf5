package com.demomultiplexer.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Files as the tar archive that Docker's archive API ({@code PUT
 * /containers/{id}/archive}, what {@code docker cp} uses) extracts at a container's root.
 */
public final class ContainerArchive {

	/** The file-type bits of a regular file in a tar header's mode. */
	private static final int REGULAR_FILE = 0100000;

	private ContainerArchive() {
	}

	public static byte[] of(List<ContainerFile> files) {
		ByteArrayOutputStream archive = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(archive)) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			for (ContainerFile file : files) {
				byte[] content = file.content().getBytes(StandardCharsets.UTF_8);
				// Relative to the root the archive is extracted at.
				TarArchiveEntry entry = new TarArchiveEntry(file.path().substring(1));
				entry.setSize(content.length);
				entry.setMode(REGULAR_FILE | file.mode());
				entry.setIds(0, 0);
				// When the file was made means nothing inside the container; a fixed
				// time keeps the archive a function of its files.
				entry.setModTime(FileTime.from(Instant.EPOCH));
				tar.putArchiveEntry(entry);
				tar.write(content);
				tar.closeArchiveEntry();
			}
			tar.finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write an archive in memory", ex);
		}
		return archive.toByteArray();
	}

}
