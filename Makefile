# videoplatform — the two commands: `make run` and `make test`.
SHELL := /bin/bash
MVN := ./mvnw -B
DEVSTACK_JAR := devstack/target/devstack-0.1.0-SNAPSHOT.jar

.PHONY: help run test build setup clean images k8s bench-user bench-upload bench-transcode bench-streaming bench-read-paths bench-search bench-analytics bench-comment bench-recommendation bench-storage bench-operator

help: ## Show the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

setup: ## Install what the build needs from the OS when missing; idempotent
	@scripts/setup.sh

build: ## Build every module without running tests
	$(MVN) -q install -DskipTests

test: setup ## Lint the CI workflows, then build and run every test against real PostgreSQL, Kafka and Redis (no Docker)
	scripts/lint-workflows.sh
	$(MVN) verify

run: setup ## Start the platform locally on embedded infrastructure; Ctrl-C stops everything
	@[ -f $(DEVSTACK_JAR) ] && [ -f devstack/target/runtime-classpath.txt ] \
		&& [ -f services/user-service/target/quarkus-app/quarkus-run.jar ] \
		&& [ -f services/upload-service/target/quarkus-app/quarkus-run.jar ] \
		&& [ -f services/transcode-service/target/quarkus-app/quarkus-run.jar ] \
		&& [ -f services/streaming-service/target/quarkus-app/quarkus-run.jar ] \
		&& [ -f services/search-service/target/quarkus-app/quarkus-run.jar ] \
		&& [ -f services/comment-service/target/quarkus-app/quarkus-run.jar ] \
		&& [ -f services/analytics-service/target/quarkus-app/quarkus-run.jar ] \
		&& [ -f services/notification-service/target/quarkus-app/quarkus-run.jar ] \
		&& [ -f services/recommendation-service/target/quarkus-app/quarkus-run.jar ] \
		&& [ -f services/admin-service/target/quarkus-app/quarkus-run.jar ] \
		&& [ -f edge/target/quarkus-app/quarkus-run.jar ] || $(MVN) -q install -DskipTests
	@exec scripts/run.sh

bench-upload: ## Benchmark upload-service (1 GiB over gRPC and HTTP beside dd; GetVideo cached)
	ROUNDS=3 bench/upload-service.sh 1024 10

bench-storage: ## Benchmark uploads and segment serving on S3 (S3Proxy) beside the raw AWS SDK on the same server
	ROUNDS=3 bench/storage.sh 256 5

bench-transcode: ## Benchmark transcode-service (30 s 1080p clip to the full ladder beside the same ffmpeg command)
	bench/transcode-service.sh

bench-streaming: ## Benchmark streaming-service against nginx serving the same files (wrk; 1 and 4 MiB segments, playlists)
	bench/streaming-service.sh

bench-read-paths: ## Benchmark cached GetUser/GetVideo with rate limiting on, over 1/4/16 connections, beside the health check
	bench/read-paths.sh

bench-search: ## Benchmark search-service (100k generated videos; Search/Autocomplete beside pgbench running the same SQL; index freshness)
	bench/search-service.sh

bench-analytics: ## Benchmark analytics-service ingest (RecordViews + edge RecordView, aggregation running) beside Kafka's ProducerPerformance
	bench/analytics-service.sh

bench-comment: ## Benchmark comment-service (100k comments on one video; ListComments beside pgbench running the same SQL; writes/s)
	bench/comment-service.sh

bench-recommendation: ## Benchmark recommendation-service (GetRelated/GetHomeFeed warm and cold at c=32 beside the health check)
	bench/recommendation-service.sh

bench-user: ## Benchmark user-service (GetUser cached, Login, Argon2 cost); see docs/benchmarks.md
	bench/user-service.sh

bench-operator: ## Benchmark the operator (time to a full platform, no-op writes, RSS); see docs/benchmarks.md
	bench/operator/run.sh

images: ## Build JVM container images of every service and the operator with Jib (needs the base images' registries; CI pushes them)
	$(MVN) -q install -DskipTests -pl '!e2e,!bench' -Dquarkus.container-image.build=true

k8s: ## Regenerate k8s/: Envoy config (k8s/generated/), the operator's CRD and manifests (k8s/, helm/)
	$(MVN) -q -pl gateway,operator -am package -DskipTests
	java -cp "gateway/target/gateway-0.1.0-SNAPSHOT.jar:$$(cat gateway/target/classpath.txt)" \
		dev.videoplatform.gateway.GenerateEnvoyConfig --out k8s/generated
	cp operator/target/kubernetes/videoplatforms.videoplatform.dev-v1.yml k8s/crd/
	cp operator/target/kubernetes/videoplatforms.videoplatform.dev-v1.yml helm/videoplatform-operator/crds/
	cp operator/target/kubernetes/kubernetes.yml k8s/operator/operator.yaml

clean: ## Remove build output (keeps .devstack data)
	$(MVN) -q clean
