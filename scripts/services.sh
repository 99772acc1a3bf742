# The services and how each is launched beside the others on one host: one table for `make run`
# (scripts/run.sh) and the footprint benchmark (bench/footprint.sh). Sourced, not run.

# name  port  database (- for none)
VP_SERVICES="user 8101 users
upload 8102 videos
transcode 8103 -
streaming 8104 -
search 8105 search
analytics 8107 analytics
comment 8106 comments
notification 8109 notifications
recommendation 8108 -
admin 8110 admin"

# service_options NAME PORT DATABASE OFFSET — sets the array `options`: the service on PORT + OFFSET
# (127.0.0.1), the services it calls on their ports + OFFSET, its database on $VP_POSTGRES_HOST,
# _PORT, _USER, _PASSWORD, Kafka at $VP_KAFKA_BOOTSTRAP_SERVERS, Redis at $VP_REDIS_HOST:$VP_REDIS_PORT,
# its keys and Kafka Streams state under $VP_HOME. Secrets come from the environment
# (VP_PAGE_TOKEN_SECRET, VP_UPLOAD_URL_SECRET, VP_PLAYBACK_TOKEN_SECRET, VIDEOPLATFORM_SERVICE_IDENTITY_KEY).
service_options() {
  local name="$1" port="$2" database="$3" offset="$4"
  options=(-Dquarkus.http.port=$((port + offset)) -Dquarkus.http.host=127.0.0.1
           -Dkafka.bootstrap.servers="$VP_KAFKA_BOOTSTRAP_SERVERS" -Dquarkus.redis.hosts="redis://$VP_REDIS_HOST:$VP_REDIS_PORT"
           -Dvideoplatform.auth.jwks-url="http://127.0.0.1:$((8101 + offset))/.well-known/jwks.json"
           -Dquarkus.grpc.clients.user.host=127.0.0.1 -Dquarkus.grpc.clients.user.port=$((8101 + offset))
           -Dquarkus.grpc.clients.upload.host=127.0.0.1 -Dquarkus.grpc.clients.upload.port=$((8102 + offset))
           -Dquarkus.grpc.clients.analytics.host=127.0.0.1 -Dquarkus.grpc.clients.analytics.port=$((8107 + offset))
           -Dquarkus.otel.traces.exporter=none)
  if [ "$database" != "-" ]; then
    options+=(-Dquarkus.datasource.username="$VP_POSTGRES_USER" -Dquarkus.datasource.password="$VP_POSTGRES_PASSWORD"
              -Dquarkus.datasource.jdbc.url="jdbc:postgresql://$VP_POSTGRES_HOST:$VP_POSTGRES_PORT/$database"
              -Dquarkus.datasource.reactive.url="postgresql://$VP_POSTGRES_HOST:$VP_POSTGRES_PORT/$database")
  fi
  case "$name" in
    user) options+=(-Dvideoplatform.user.signing-key.location="$VP_HOME/jwt-signing-key.pem"
                    -Dvideoplatform.user.signing-key.generate-if-missing=true) ;;
    # Kafka Streams state (RocksDB), kept across restarts like the data: a restart replays less.
    analytics) options+=(-Dkafka-streams.state.dir="$VP_HOME/streams") ;;
    # Emails are written to the service's log instead of sent (no SMTP server on one host).
    notification) options+=(-Dquarkus.mailer.mock=true) ;;
  esac
}
