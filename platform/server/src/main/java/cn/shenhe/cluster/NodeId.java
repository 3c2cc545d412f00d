package cn.shenhe.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's name in leases and heartbeats: {@code shenhe.node.id}, or else a name made once (host name
 * and a random suffix) and kept in the data folder as {@code node-id}. A node is its data folder (its
 * search indexes hold its log position), so a restart keeps its name: a new name at every start left
 * the old one's heartbeat row holding the change log's pruning back until the node timeout.
 */
@ApplicationScoped
public class NodeId {

    private static final Logger LOG = Logger.getLogger(NodeId.class.getName());

    @Inject
    @ConfigProperty(name = "shenhe.node.id")
    Optional<String> configured;
    @Inject
    @ConfigProperty(name = "shenhe.data.dir")
    Optional<String> dataDir;

    private String id;

    public synchronized String get() {
        if (id == null) {
            id = configured.filter(s -> !s.isBlank()).orElseGet(() -> dataDir.map(d -> kept(Path.of(d, "node-id"))).orElseGet(NodeId::made));
        }
        return id;
    }

    /** The name in {@code file}, or a new one written there (beside, then moved: never half written). */
    static String kept(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                String name = Files.readString(file).strip();
                if (!name.isEmpty()) return name;
            }
            String name = made();
            Files.createDirectories(file.getParent());
            Path beside = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(beside, name + "\n");
            Files.move(beside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return name;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Node name not kept in " + file + ": this start takes a name of its own", e);
            return made();
        }
    }

    private static String made() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
