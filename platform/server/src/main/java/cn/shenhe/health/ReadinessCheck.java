package cn.shenhe.health;

import cn.shenhe.district.DistrictDirectory;
import cn.shenhe.district.TenantConfigException;
import cn.shenhe.plugin.PluginHost;
import cn.shenhe.storage.BlobStoreHealth;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database and the picture store answer and at least one district is loaded. Refused tenant-config
 * files are listed (file: field: problem) but do not make the server unready: the other
 * districts are served.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    DistrictDirectory districts;
    @Inject
    PluginHost plugins;
    @Inject
    BlobStoreHealth blobs;
    @Resource(lookup = "jdbc/shenhe")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("shenhe");
        boolean db;
        try (Connection c = dataSource.getConnection()) {
            db = c.isValid(2);
        } catch (Exception e) {
            db = false;
        }
        b.withData("database", db ? "UP" : "DOWN");
        boolean store = blobs.up();
        b.withData("blobs", store ? "UP" : "DOWN");
        b.withData("districts", String.join(",", districts.all().stream().map(d -> d.code()).toList()));
        b.withData("plugins", String.join(",", plugins.startedPlugins()));
        int i = 0;
        for (TenantConfigException e : districts.loadErrors()) {
            b.withData("refusedConfig" + (i++), e.getMessage());
        }
        return b.status(db && store && !districts.all().isEmpty()).build();
    }
}
