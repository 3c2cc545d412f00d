package cn.shenhe.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** This node's name in leases and heartbeats: {@code shenhe.node.id}, or the host name and a random suffix per start. */
@ApplicationScoped
public class NodeId {

    @Inject
    @ConfigProperty(name = "shenhe.node.id")
    Optional<String> configured;

    private String id;

    public synchronized String get() {
        if (id == null) {
            id = configured.filter(s -> !s.isBlank()).orElseGet(NodeId::generated);
        }
        return id;
    }

    private static String generated() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
