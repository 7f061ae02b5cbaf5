package com.demomultiplexer.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bar chart, as SVG, of acquire p99 through the service against the same script called
 * directly on Valkey, at each concurrency.
 */
final class Chart {

	private Chart() {
	}

	@SuppressWarnings("unchecked")
	static String acquire(Map<String, Object> results) {
		List<Map<String, Object>> levels = (List<Map<String, Object>>) results.get("acquire");
		double max = levels.stream().mapToDouble((level) -> (double) level.get("p99")).max().orElse(1);
		int width = 640;
		int height = 320;
		int left = 60;
		int bottom = 40;
		double scale = (height - bottom - 40) / max;
		StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">",
				width, height));
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"20\" font-size=\"14\">Acquire p99 (ms): service vs. Valkey script alone</text>",
				left));
		int slot = (width - left - 20) / levels.size();
		for (int i = 0; i < levels.size(); i++) {
			Map<String, Object> level = levels.get(i);
			double service = (double) level.get("p99");
			double floor = (double) level.get("floorP99");
			int x = left + i * slot + 10;
			bar(svg, x, height - bottom, service * scale, "#1f4fd1", service);
			bar(svg, x + 40, height - bottom, floor * scale, "#9aa5b1", floor);
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s clients</text>", x, height - bottom + 18,
					level.get("clients")));
		}
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#1f4fd1\"/><text x=\"%d\" y=\"%d\">service (HTTP)</text>",
				width - 260, 30, width - 244, 40));
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#9aa5b1\"/><text x=\"%d\" y=\"%d\">Valkey script alone</text>",
				width - 130, 30, width - 114, 40));
		return svg.append("</svg>\n").toString();
	}

	private static void bar(StringBuilder svg, int x, int base, double barHeight, String color, double value) {
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%.1f\" width=\"36\" height=\"%.1f\" fill=\"%s\"/><text x=\"%d\" y=\"%.1f\">%.2f</text>",
				x, base - barHeight, barHeight, color, x, base - barHeight - 4, value));
	}

}
