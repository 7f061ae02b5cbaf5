package com.demomultiplexer.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads series out of a Prometheus text scrape. */
public final class Scrapes {

	private Scrapes() {
	}

	/** The value of one series; 0 when it is absent. */
	public static double value(String scrape, String series) {
		Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
		return line.find() ? Double.parseDouble(line.group(1)) : 0;
	}

}
