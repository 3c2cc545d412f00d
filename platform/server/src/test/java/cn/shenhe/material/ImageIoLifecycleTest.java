package cn.shenhe.material;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import org.junit.jupiter.api.Test;

/**
 * An application's ImageIO plugins are all gone from the JVM-wide registry when it stops, of every
 * category: an image stream provider left there kept each stopped application in the heap (a heap dump
 * of the test server, redeployed per test class: ImageIO → IIORegistry → SubRegistry → the provider's class).
 */
class ImageIoLifecycleTest {

    @Test
    void everyProviderOfAStoppedApplicationIsDeregistered() throws Exception {
        // "an application": the TwelveMonkeys jars in a class loader of their own, as a web module has them
        List<URL> jars = new ArrayList<>();
        for (String cls : List.of("com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi",
                "com.twelvemonkeys.imageio.stream.BufferedFileImageInputStreamSpi",
                "com.twelvemonkeys.imageio.metadata.Directory", "com.twelvemonkeys.lang.Validate", "com.twelvemonkeys.io.FileUtil",
                "com.twelvemonkeys.image.ImageUtil")) {
            URL jar = Class.forName(cls).getProtectionDomain().getCodeSource().getLocation();
            if (!jars.contains(jar)) jars.add(jar);
        }
        try (URLClassLoader app = new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Thread t = Thread.currentThread();
            ClassLoader previous = t.getContextClassLoader();
            t.setContextClassLoader(app);
            try {
                ImageIO.scanForPlugins();
            } finally {
                t.setContextClassLoader(previous);
            }
            List<Class<?>> categories = categoriesWithProvidersOf(app);
            assertTrue(categories.contains(ImageReaderSpi.class), "the application's readers registered: " + categories);
            assertTrue(categories.size() > 2, "and providers of other categories than readers and writers: " + categories);

            int removed = ImageIoLifecycle.deregister(app);

            assertTrue(removed > 2, "removed " + removed);
            assertEquals(List.of(), categoriesWithProvidersOf(app), "nothing of the stopped application left");
        }
    }

    private static List<Class<?>> categoriesWithProvidersOf(ClassLoader loader) {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        List<Class<?>> found = new ArrayList<>();
        for (Iterator<Class<?>> categories = registry.getCategories(); categories.hasNext(); ) {
            Class<?> category = categories.next();
            for (Iterator<?> it = registry.getServiceProviders(category, false); it.hasNext(); ) {
                if (it.next().getClass().getClassLoader() == loader) {
                    found.add(category);
                    break;
                }
            }
        }
        return found;
    }
}
