#!/usr/bin/env bash
# Installs videoplatform on a fresh kind cluster the way docs/install.md tells a platform engineer
# to, then plays scripts/smoke.sh against it: Strimzi (Kafka in its own namespace), CloudNativePG
# (the operator creates the databases with its superuser), Redis, the operator's Helm chart, and
# the VideoPlatform of k8s/kind/videoplatform.yaml. CI's `kind` job runs it after the images are
# pushed; on failure it prints what a person would look at (status, events, failing pods' logs).
#   scripts/kind-install.sh VERSION   (image tag of the operator and every service)
# Needs kubectl, helm, jq, curl, ffmpeg and a current kube context on the cluster. An image pull
# Secret named ghcr in the namespaces "videos" is expected when the images are private.
set -euo pipefail
version="${1:?usage: scripts/kind-install.sh VERSION}"
cd "$(dirname "$0")/.."
STRIMZI_VERSION="${STRIMZI_VERSION:-0.48.0}"
CNPG_CHART_VERSION="${CNPG_CHART_VERSION:-0.26.0}"

step() { echo "kind-install: $*"; }
diagnose() {
  set +e
  step "FAILED; what the cluster says:"
  kubectl -n videos get vp videos -o yaml | sed -n '/^status:/,$p'
  kubectl get pods -A -o wide
  kubectl -n videos get events --sort-by=.lastTimestamp | tail -40
  kubectl -n kafka get kafkatopics 2>/dev/null
  for pod in $(kubectl -n videos get pods -o jsonpath='{range .items[?(@.status.phase!="Succeeded")]}{.metadata.name}{"\n"}{end}'); do
    ready="$(kubectl -n videos get pod "$pod" -o jsonpath='{.status.containerStatuses[0].ready}')"
    [ "$ready" = "true" ] && continue
    echo "--- logs of $pod"
    kubectl -n videos logs "$pod" --tail=60 --all-containers 2>&1
  done
}
trap diagnose ERR

kubectl create namespace videos --dry-run=client -o yaml | kubectl apply -f -

step "Strimzi $STRIMZI_VERSION and a one-node Kafka in namespace kafka"
helm upgrade --install strimzi oci://quay.io/strimzi-helm/strimzi-kafka-operator --version "$STRIMZI_VERSION" \
  -n kafka --create-namespace --wait --timeout 5m
kubectl apply -f k8s/kind/kafka.yaml
step "CloudNativePG $CNPG_CHART_VERSION and a PostgreSQL cluster; Redis"
helm repo add cnpg https://cloudnative-pg.github.io/charts >/dev/null
helm upgrade --install cnpg cnpg/cloudnative-pg --version "$CNPG_CHART_VERSION" \
  -n cnpg-system --create-namespace --wait --timeout 5m
kubectl apply -f k8s/kind/postgres.yaml -f k8s/kind/redis.yaml
kubectl -n kafka wait kafka/kafka --for=condition=Ready --timeout=10m
kubectl -n videos wait cluster.postgresql.cnpg.io/pg --for=condition=Ready --timeout=10m
kubectl -n videos rollout status deployment/redis --timeout=5m

step "connection Secrets: the PostgreSQL admin (from CloudNativePG's superuser) and Redis"
password="$(kubectl -n videos get secret pg-superuser -o jsonpath='{.data.password}' | base64 -d)"
kubectl -n videos create secret generic videoplatform-postgres-admin --from-literal=host=pg-rw.videos.svc \
  --from-literal=port=5432 --from-literal=username=postgres --from-literal="password=$password" \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl -n videos create secret generic videoplatform-redis --from-literal=url=redis://redis.videos.svc:6379 \
  --dry-run=client -o yaml | kubectl apply -f -

step "the operator (chart, namespaced: videos and kafka, where the KafkaTopics go), tag $version"
pull_secret=()
kubectl -n videos get secret ghcr >/dev/null 2>&1 && pull_secret=(--set 'imagePullSecrets={ghcr}')
helm upgrade --install vp helm/videoplatform-operator -n videos --set image.tag="$version" \
  --set 'watchNamespaces={videos,kafka}' "${pull_secret[@]}" --wait --timeout 5m

step "the VideoPlatform; waiting for Ready"
sed "s/^  image:$/  image:\n    tag: \"$version\"/" k8s/kind/videoplatform.yaml | kubectl apply -f -
kubectl -n videos wait vp/videos --for=condition=Ready --timeout=15m
kubectl -n videos get vp videos
kubectl -n videos wait vp/videos --for=jsonpath='{.status.conditions[?(@.type=="KafkaTopicsReady")].status}'=True --timeout=5m

step "smoke test through the gateway (port-forward to localhost:8080)"
kubectl -n videos port-forward svc/videos-gateway 8080:80 >/tmp/port-forward.log 2>&1 &
forward=$!
trap 'kill $forward 2>/dev/null || true' EXIT
for _ in $(seq 1 30); do curl -fsS localhost:8080/healthz >/dev/null 2>&1 && break; sleep 1; done
scripts/smoke.sh http://localhost:8080
kill $forward 2>/dev/null || true

step "delete the VideoPlatform: its workloads go, the blobs' claim and your Secrets stay"
kubectl -n videos delete vp videos --wait --timeout=5m
for _ in $(seq 1 60); do
  [ -z "$(kubectl -n videos get deployments -l app.kubernetes.io/managed-by=videoplatform-operator -o name)" ] && break
  sleep 2
done
left="$(kubectl -n videos get deployments -l app.kubernetes.io/managed-by=videoplatform-operator -o name)"
[ -z "$left" ] || { echo "kind-install: still there after the delete: $left" >&2; false; }
kubectl -n videos get pvc videos-blobs
kubectl -n videos get secret videoplatform-postgres-admin videoplatform-redis >/dev/null
step "OK: installed, smoke-tested, deleted with the data kept"
