package cn.shenhe.material;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;

/**
 * Removes the application's ImageIO plugins (TwelveMonkeys JPEG) when the application stops;
 * {@code ImagePipeline} registers them on first use. ImageIO's registry is JVM-wide: without the
 * removal, a redeployed application would keep using readers from its previous class loader.
 */
@WebListener
public class ImageIoLifecycle implements ServletContextListener {

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ClassLoader app = ImageIoLifecycle.class.getClassLoader();
        IIORegistry registry = IIORegistry.getDefaultInstance();
        for (Class<?> category : List.of(ImageReaderSpi.class, ImageWriterSpi.class)) {
            List<Object> ours = new ArrayList<>();
            for (Iterator<?> it = registry.getServiceProviders(category, false); it.hasNext(); ) {
                Object provider = it.next();
                if (provider.getClass().getClassLoader() == app) {
                    ours.add(provider);
                }
            }
            ours.forEach(registry::deregisterServiceProvider);
        }
    }
}
