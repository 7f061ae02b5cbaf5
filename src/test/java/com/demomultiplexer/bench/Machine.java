package com.demomultiplexer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine a run was made on, and a process's memory and CPU time from /proc.
 */
final class Machine {

	private Machine() {
	}

	static Map<String, String> describe() throws IOException, InterruptedException {
		Map<String, String> machine = new LinkedHashMap<>();
		machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
		machine.put("memory", meminfo("MemTotal"));
		machine.put("kernel", Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
		machine.put("cpu", cpuModel());
		machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		machine.put("docker", output("docker", "version", "--format", "{{.Server.Version}}"));
		machine.put("valkey", output("redis-server", "--version"));
		machine.put("caddy", output("caddy", "version"));
		machine.put("mariadb", output("mariadb", "--version"));
		return machine;
	}

	static long rssBytes(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
			}
		}
		return -1;
	}

	/** User plus system CPU time of the process, in clock ticks (1/100 s). */
	static long cpuTicks(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	private static String meminfo(String key) throws IOException {
		return Files.readAllLines(Path.of("/proc/meminfo"))
			.stream()
			.filter((line) -> line.startsWith(key + ":"))
			.map((line) -> (Long.parseLong(line.replaceAll("\\D", "")) >> 20) + " GiB")
			.findFirst()
			.orElse("?");
	}

	private static String cpuModel() throws IOException {
		return Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter((line) -> line.startsWith("model name"))
			.map((line) -> line.substring(line.indexOf(':') + 1).strip())
			.findFirst()
			.orElse("?");
	}

	private static String output(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		process.waitFor();
		return text.lines().findFirst().orElse("?");
	}

}
