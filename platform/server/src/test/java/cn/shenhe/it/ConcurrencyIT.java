package cn.shenhe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Count limits hold when a candidate's uploads race each other. */
@ExtendWith(ArquillianExtension.class)
class ConcurrencyIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    @Test
    void twentyParallelUploadsIntoTheIdCardStoreExactlyTwo() throws Exception {
        String token = Keycloak.createUser("candidate", "bj", null).token();
        String reg = Api.register(token, "bj", 2027, "bj-01");
        List<byte[]> pictures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pictures.add(TestImages.jpeg(1000, 700 + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> uploads = pictures.stream()
                    .map(p -> (Callable<Integer>) () -> Api.upload(token, "bj", reg, "id-card", p, "image/jpeg").statusCode())
                    .toList();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(uploads)) {
                statuses.add(f.get());
            }
            Map<Integer, Long> counts = statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertEquals(Map.of(201, 2L, 409, 18L), counts);
        } finally {
            pool.shutdownNow();
        }
        int stored = Api.as(token).get("/districts/bj/registrations/" + reg).jsonPath()
                .getInt("materials.find { it.code == 'id-card' }.count");
        assertEquals(2, stored);
        assertEquals(2, Api.as(token).get("/districts/bj/registrations/" + reg).jsonPath()
                .getList("materials.find { it.code == 'id-card' }.images").size());
    }
}
