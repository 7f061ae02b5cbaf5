package com.demomultiplexer.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.config.AdminProperties;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets an admin request through only with {@code X-API-Key} equal to ADMIN_API_KEY,
 * compared in constant time. Without a configured key the admin API is closed.
 */
class AdminApiKeyFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	private static final Logger log = LoggerFactory.getLogger(AdminApiKeyFilter.class);

	private final byte[] key;

	AdminApiKeyFilter(AdminProperties admin) {
		this.key = StringUtils.hasText(admin.apiKey()) ? admin.apiKey().getBytes(StandardCharsets.UTF_8) : null;
		if (this.key == null) {
			log.warn("ADMIN_API_KEY is not set: the admin API refuses every request");
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = request.getHeader(HEADER);
		if (this.key == null || presented == null
				|| !MessageDigest.isEqual(this.key, presented.getBytes(StandardCharsets.UTF_8))) {
			log.warn("Admin request refused: {} {} from {} ({})", request.getMethod(), request.getRequestURI(),
					request.getRemoteAddr(), (presented == null) ? "no key" : "wrong key");
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
						+ "\"detail\":\"The admin API needs the key in the " + HEADER + " header.\"}");
			return;
		}
		chain.doFilter(request, response);
	}

}
