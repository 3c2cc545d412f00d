package cn.shenhe.material;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.spi.IIORegistry;

/**
 * Removes the application's ImageIO plugins (TwelveMonkeys JPEG and its image stream providers) when
 * the application stops; {@code ImageIoCodec} registers them on first use. ImageIO's registry is
 * JVM-wide: a provider left there keeps its class loader, so the whole stopped application (its
 * classes and their data, ~25 MB) stayed in the heap at every redeploy, and a redeployed
 * application would go on using readers of the previous one.
 */
@WebListener
public class ImageIoLifecycle implements ServletContextListener {

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        deregister(ImageIoLifecycle.class.getClassLoader());
    }

    /** Deregisters every provider, of every category, whose class {@code loader} loaded; returns how many. */
    static int deregister(ClassLoader loader) {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        List<Object> ours = new ArrayList<>();
        for (Iterator<Class<?>> categories = registry.getCategories(); categories.hasNext(); ) {
            for (Iterator<?> it = registry.getServiceProviders(categories.next(), false); it.hasNext(); ) {
                Object provider = it.next();
                if (provider.getClass().getClassLoader() == loader && !ours.contains(provider)) {
                    ours.add(provider);
                }
            }
        }
        ours.forEach(registry::deregisterServiceProvider);
        return ours.size();
    }
}
