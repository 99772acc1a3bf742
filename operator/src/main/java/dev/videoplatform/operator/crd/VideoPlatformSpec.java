package dev.videoplatform.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.videoplatform.operator.catalog.PlatformService;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;
import java.util.TreeMap;

/** Desired state of a platform; every field has a default, so {@code spec: {}} is a working platform. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VideoPlatformSpec {

    @JsonPropertyDescription("Where the service images come from.")
    private ImageSpec image = new ImageSpec();

    @JsonPropertyDescription("Per-service settings keyed by service name (user, upload, transcode, streaming, search, "
            + "comment, analytics, recommendation, notification, admin); a service not listed runs with defaults.")
    @ValidationRule(value = "self.all(name, name in ['user', 'upload', 'transcode', 'streaming', 'search', 'comment', "
            + "'analytics', 'recommendation', 'notification', 'admin'])",
            message = "services: keys must be service names: user, upload, transcode, streaming, search, comment, "
                    + "analytics, recommendation, notification, admin")
    // maxProperties bounds the rule's estimated cost, which the API server checks when the CRD is applied
    @Size(max = 10)
    private Map<String, ServiceSpec> services = new TreeMap<>();

    @JsonPropertyDescription("Kafka connection and topics.")
    private KafkaSpec kafka = new KafkaSpec();

    @JsonPropertyDescription("PostgreSQL connection (one database per service).")
    private PostgresSpec postgres = new PostgresSpec();

    @JsonPropertyDescription("Redis connection (caches, rate limits).")
    private RedisSpec redis = new RedisSpec();

    @JsonPropertyDescription("Blob storage for uploads and HLS renditions.")
    private StorageSpec storage = new StorageSpec();

    @JsonPropertyDescription("The Envoy gateway, the platform's only entry from outside.")
    private GatewaySpec gateway = new GatewaySpec();

    @JsonPropertyDescription("notification-service: the SMTP server of its emails.")
    private NotificationSpec notification = new NotificationSpec();

    @JsonPropertyDescription("Tracing export.")
    private ObservabilitySpec observability = new ObservabilitySpec();

    @JsonPropertyDescription("Metrics collection by a Prometheus Operator.")
    private MonitoringSpec monitoring = new MonitoringSpec();

    @JsonPropertyDescription("Token signing.")
    private AuthSpec auth = new AuthSpec();

    /** The settings of one service: what the resource says, or the defaults when it is not listed. */
    public ServiceSpec serviceSpec(PlatformService service) {
        ServiceSpec spec = services.get(service.serviceName());
        return spec != null ? spec : new ServiceSpec();
    }

    public ImageSpec getImage() {
        return image;
    }

    public void setImage(ImageSpec image) {
        this.image = image;
    }

    public Map<String, ServiceSpec> getServices() {
        return services;
    }

    public void setServices(Map<String, ServiceSpec> services) {
        this.services = services;
    }

    public KafkaSpec getKafka() {
        return kafka;
    }

    public void setKafka(KafkaSpec kafka) {
        this.kafka = kafka;
    }

    public PostgresSpec getPostgres() {
        return postgres;
    }

    public void setPostgres(PostgresSpec postgres) {
        this.postgres = postgres;
    }

    public RedisSpec getRedis() {
        return redis;
    }

    public void setRedis(RedisSpec redis) {
        this.redis = redis;
    }

    public StorageSpec getStorage() {
        return storage;
    }

    public void setStorage(StorageSpec storage) {
        this.storage = storage;
    }

    public GatewaySpec getGateway() {
        return gateway;
    }

    public void setGateway(GatewaySpec gateway) {
        this.gateway = gateway;
    }

    public NotificationSpec getNotification() {
        return notification;
    }

    public void setNotification(NotificationSpec notification) {
        this.notification = notification;
    }

    public ObservabilitySpec getObservability() {
        return observability;
    }

    public void setObservability(ObservabilitySpec observability) {
        this.observability = observability;
    }

    public MonitoringSpec getMonitoring() {
        return monitoring;
    }

    public void setMonitoring(MonitoringSpec monitoring) {
        this.monitoring = monitoring;
    }

    public AuthSpec getAuth() {
        return auth;
    }

    public void setAuth(AuthSpec auth) {
        this.auth = auth;
    }
}
