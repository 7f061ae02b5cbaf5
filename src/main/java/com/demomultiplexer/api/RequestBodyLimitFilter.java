package com.demomultiplexer.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.demomultiplexer.config.ApiProperties;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies larger than API_MAX_BODY_SIZE with 413 before anything reads
 * them. The API's bodies are a few bytes; nothing is gained by parsing megabytes.
 */
@Component
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final JsonMapper json;

	RequestBodyLimitFilter(ApiProperties api, JsonMapper json) {
		this.maxBytes = api.maxBodySize().toBytes();
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean chunked = request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null;
		if (request.getContentLengthLong() > this.maxBytes || chunked) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
					"Request bodies are limited to " + this.maxBytes + " bytes, sent with a Content-Length.");
			problem.setTitle("Body too large");
			response.setStatus(problem.getStatus());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(), problem);
			return;
		}
		chain.doFilter(request, response);
	}

}
