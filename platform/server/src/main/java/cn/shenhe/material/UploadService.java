package cn.shenhe.material;

import cn.shenhe.district.DistrictConfig;
import cn.shenhe.district.DistrictDirectory;
import cn.shenhe.district.DistrictPlugins;
import cn.shenhe.district.DistrictPlugins.RequiredType;
import cn.shenhe.material.image.ImagePipeline;
import cn.shenhe.material.image.ProcessedImage;
import cn.shenhe.material.image.StageTimings;
import cn.shenhe.material.image.UploadRules;
import cn.shenhe.material.image.Watermark;
import cn.shenhe.material.quality.CheckFinding;
import cn.shenhe.material.reuse.ReuseDetector;
import cn.shenhe.persistence.Conflicts;
import cn.shenhe.plugin.api.CheckResult;
import cn.shenhe.plugin.api.ImageFacts;
import cn.shenhe.plugin.api.MaterialType;
import cn.shenhe.plugin.api.RegistrationFacts;
import cn.shenhe.problem.ProblemException;
import cn.shenhe.problem.Problems;
import cn.shenhe.registration.MaterialImage;
import cn.shenhe.registration.Registration;
import cn.shenhe.registration.RegistrationService;
import cn.shenhe.security.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An upload from request body to stored picture. Everything that can refuse the upload cheaply
 * (the registration, the window, the type, a full type) is checked before the body is read; the
 * CPU-heavy pipeline runs outside any transaction; only the final store holds the row lock.
 */
@ApplicationScoped
public class UploadService {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Inject
    RegistrationService registrations;
    @Inject
    MaterialImageRepository images;
    @Inject
    DistrictDirectory districts;
    @Inject
    DistrictPlugins plugins;
    @Inject
    ImagePipeline pipeline;
    @Inject
    MaterialLedger ledger;
    @Inject
    UploadGate gate;
    @Inject
    ReuseDetector reuse;
    @Inject
    RequestContext request;
    @Inject
    @ConfigProperty(name = "shenhe.upload.max-pixels", defaultValue = "16000000")
    long maxPixels;
    /** The longest side of a stored picture, unless the district sets its own; larger uploads are scaled down to it. */
    @Inject
    @ConfigProperty(name = "shenhe.upload.stored-side", defaultValue = "2400")
    int storedSide;

    /** A stored upload, with where its time went (for the Server-Timing header and benchmarks). */
    public record Upload(MaterialImage image, StageTimings stages, long storeNanos) {

        /** RFC Server-Timing: per-stage milliseconds. */
        public String serverTiming() {
            return "read;dur=" + ms(stages.readNanos()) + ", header;dur=" + ms(stages.sniffNanos() + stages.headerNanos())
                    + ", decode;dur=" + ms(stages.decodeNanos()) + ", orient;dur=" + ms(stages.orientNanos())
                    + ", watermark;dur=" + ms(stages.watermarkNanos()) + ", encode;dur=" + ms(stages.encodeNanos())
                    + ", store;dur=" + ms(storeNanos);
        }

        private static String ms(long nanos) {
            return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
        }
    }

    public Upload upload(String registrationId, String typeCode, InputStream body, long declaredLength) {
        String user = request.caller().subject();
        gate.admit(user);   // before anything is read or looked up
        try {
            return admitted(registrationId, typeCode, body, declaredLength);
        } catch (RuntimeException e) {
            if (serverFault(e)) gate.giveBack(user);
            throw e;
        }
    }

    /** A refusal of the upload (4xx) counts against the user; the server's failure (5xx) does not. */
    private static boolean serverFault(RuntimeException e) {
        if (e instanceof ProblemException p) return p.status() >= 500;
        if (e instanceof jakarta.ws.rs.WebApplicationException w) return w.getResponse().getStatus() >= 500;
        return true;
    }

    private Upload admitted(String registrationId, String typeCode, InputStream body, long declaredLength) {
        Registration r = ownRegistration(registrationId);
        DistrictConfig district = districts.find(request.district()).orElseThrow();
        r.checkUploadOpen(district.uploadWindow(), Instant.now());
        RegistrationFacts facts = facts(r);
        MaterialType type = plugins.requirement(district, facts, typeCode)
                .map(RequiredType::type)
                .orElseThrow(() -> MaterialProblems.unknownType(typeCode));
        refuseIfFull(r, type);   // fail fast without reading the body; the ledger checks again under the row lock

        byte[] original = pipeline.readBounded(body, declaredLength, type.maxBytes());
        try (UploadGate.Held turn = gate.turnOf(r.id())) {   // read first: a slow network holds no turn
            refuseIfFull(r, type);   // the uploads this one waited for may have filled the type: refused before decoding
            return store(r, district, facts, type, original);
        }
    }

    private void refuseIfFull(Registration r, MaterialType type) {
        r.checkRoomFor(type, images.count(r, type.code()));
    }

    private Upload store(Registration r, DistrictConfig district, RegistrationFacts facts, MaterialType type, byte[] original) {
        ProcessedImage picture = pipeline.process(original, new UploadRules(type.maxBytes(), type.formats(), maxPixels,
                        district.storedSide().orElse(storedSide)),
                watermark(district));
        CheckResult checks = plugins.check(district, facts, new ImageFacts(type.code(), picture.originalFormat(),
                picture.originalBytes(), picture.width(), picture.height()), picture.grey());
        if (!checks.errors().isEmpty()) {
            throw MaterialProblems.checkRefused(checks.errors());   // before the store: nothing is kept
        }
        long t0 = System.nanoTime();
        MaterialImage image = ledger.store(r.id(), type, picture, CheckFinding.warnings(checks.warnings()));
        long stored = System.nanoTime() - t0;
        // committed: a copy stored at the same moment by someone else is found by whichever looks later
        reuse.detectQuietly(image.id(), picture.perceptualHash());
        return new Upload(image, picture.timings(), stored);
    }

    public void delete(String registrationId, String imageId) {
        ownRegistration(registrationId);
        Conflicts.retrying("deleting picture " + imageId, () -> ledger.delete(registrationId, imageId));
    }

    public static RegistrationFacts facts(Registration r, String district) {
        return r.facts(district);
    }

    private RegistrationFacts facts(Registration r) {
        return facts(r, request.district());
    }

    /** Candidates change only their own registrations; anyone else is told it does not exist. */
    private Registration ownRegistration(String registrationId) {
        Registration r = registrations.findVisible(registrationId);
        if (!r.isOwnedBy(request.caller().subject())) {
            throw Problems.forbidden();
        }
        return r;
    }

    static Watermark watermark(DistrictConfig district) {
        return Watermark.ofUpload(district.watermark(), LocalDate.now(CHINA));
    }
}
