package cn.shenhe.it;

import java.io.File;
import java.util.Arrays;
import java.util.Objects;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The application as built by the package phase, for black-box tests over HTTP. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive application() {
        File war = new File(System.getProperty("it.war", "target/shenhe.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("Build the WAR first (mvn package): " + war.getAbsolutePath());
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    /** The S3 client and what it needs (copied by the build), for micro-deployments that use the configured blob store. */
    public static File[] s3ClientJars() {
        File dir = new File(System.getProperty("it.awssdk.dir", "target/it-awssdk"));
        File[] jars = Objects.requireNonNullElse(dir.listFiles((d, name) -> name.endsWith(".jar")), new File[0]);
        if (jars.length == 0) {
            throw new IllegalStateException("No S3 client jars in " + dir.getAbsolutePath() + " (the package phase copies them)");
        }
        Arrays.sort(jars);
        return jars;
    }
}
