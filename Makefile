# demo-multiplexer. `make run` starts the service with a warm pool, `make test` runs every test;
# both install and start what they need first (scripts/services.sh, Debian 12, as root).
# Settings come from .env (make init creates it); variables set in the environment win.

SHELL := /bin/bash
export JAVA_HOME ?= /usr/lib/jvm/temurin-25-jdk-amd64
MVN := mvn -B -q
COMPOSE := docker compose

.DEFAULT_GOAL := help
.PHONY: help init services services-podman infra-up infra-down infra-logs dev build run test test-clock-skew test-coverage bench lint fmt tidy \
	openapi lint-openapi \
	stop clean-demos clean-data clean-all

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

init: ## Create .env from .env.example if it does not exist
	@test -f .env || { cp .env.example .env; echo "created .env from .env.example"; }

services: ## Install (apt) and start Docker, redis-server, Caddy, MariaDB and the stand-in shop image (and Podman with CONTAINER_MODE=podman)
	@scripts/services.sh

services-podman: ## The same, and Podman's API service with the stand-in image loaded into it
	@scripts/services.sh podman

infra-up: ## Start Caddy, Valkey, NATS and MariaDB 11.4 with TLS with docker compose (hosts that can pull images)
	docker network inspect demo-multiplexer-shops >/dev/null 2>&1 || docker network create \
		--subnet 172.30.0.0/24 -o com.docker.network.bridge.enable_icc=false demo-multiplexer-shops
	scripts/mariadb-tls.sh
	$(COMPOSE) up -d caddy valkey nats mariadb

infra-down: ## Stop the compose infrastructure
	$(COMPOSE) down

infra-logs: ## Follow the compose infrastructure's logs
	$(COMPOSE) logs -f

dev: init services ## Run from source with Maven (restart to pick up changes)
	mvn -B spring-boot:run

build: ## Build the service's jar
	$(MVN) package -DskipTests

run: init services build ## Run the service with a warm pool (API on :8080, shops via Caddy on :80; REPLICAS=N runs N replicas)
	@scripts/run.sh

test: services-podman lint-openapi ## Lint the API's contract, then run unit and integration tests against real Docker, Valkey and Caddy, and the engines-tagged ones against Podman too
	mvn -B verify

test-clock-skew: services-podman ## Run every test with the JVM's clock CLOCK_SKEW (default +365d) off the services' clocks
	FAKETIME_ONLY_CMDS=java FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "$${CLOCK_SKEW:-+365d}" mvn -B verify

test-coverage: services-podman ## Run the tests with JaCoCo; reports in target/site/jacoco*
	mvn -B verify -Pcoverage

bench: ## Measure the warm pool against its floors on the real stack (PARTS="replicas" for some); results in bench/results
	@scripts/bench.sh $(PARTS)

lint: lint-openapi ## Lint the API's contract, check formatting (spring-javaformat), compile with all warnings, check the alert rules
	$(MVN) spring-javaformat:validate compile -Dmaven.compiler.showWarnings=true
	promtool check rules ops/prometheus/alerts.yml
	cd ops/prometheus && promtool test rules alerts-test.yml

# Redocly's linter, installed in the project (npm, a pinned version). 1.x: 2.x needs Node 20.19, and
# Debian 12 ships Node 18.
REDOCLY_VERSION := 1.34.20
REDOCLY := .tools/redocly-$(REDOCLY_VERSION)/node_modules/.bin/redocly

$(REDOCLY):
	npm install --prefix .tools/redocly-$(REDOCLY_VERSION) --no-save --no-audit --no-fund --loglevel=error \
		@redocly/cli@$(REDOCLY_VERSION)

lint-openapi: $(REDOCLY) ## Lint the API's contract, docs/openapi.json, with Redocly's recommended rules (redocly.yaml)
	REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true $(REDOCLY) lint docs/openapi.json

openapi: services ## Write docs/openapi.json from the document the service serves (OpenApiDocumentIT); review and commit it
	rm -f target/openapi.json
	mvn -B verify -Popenapi -Dit.test=OpenApiDocumentIT -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false \
		-Dmaven.test.failure.ignore=true
	cp target/openapi.json docs/openapi.json

fmt: ## Format the Java sources
	$(MVN) spring-javaformat:apply

tidy: ## Report unused and undeclared dependencies
	mvn -B dependency:analyze

stop: ## Stop the service started by make run (SIGTERM, graceful)
	@scripts/stop.sh

clean-demos: ## Destroy every shop of this deployment: containers, routes, Valkey state (stop first)
	@scripts/clean-demos.sh

clean-data: ## Remove local service data: compose volumes and var/ (logs, pid)
	-$(COMPOSE) down -v 2>/dev/null
	rm -rf var

clean-all: stop clean-demos clean-data ## Operator's reset: stop, destroy all shops, remove data and build output
	$(MVN) clean
