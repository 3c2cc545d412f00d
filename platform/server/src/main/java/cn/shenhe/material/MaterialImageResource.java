package cn.shenhe.material;

import cn.shenhe.audit.AuditLog;
import cn.shenhe.audit.PersonalDataReads;
import cn.shenhe.problem.Problems;
import cn.shenhe.registration.MaterialImage;
import cn.shenhe.registration.Registration;
import cn.shenhe.registration.RegistrationService;
import cn.shenhe.security.Role;
import cn.shenhe.storage.BlobStore;
import cn.shenhe.storage.StorageProblems;
import cn.shenhe.storage.StorageUnavailableException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** One stored picture of a registration: read back (watermarked), or deleted until locked. */
@Path("/districts/{district}/registrations/{registration}/images/{image}")
@RequestScoped
public class MaterialImageResource {

    /** The tenant; bound and checked against the caller by TenantFilter. */
    @PathParam("district")
    String district;
    @Inject
    UploadService uploads;
    @Inject
    RegistrationService registrations;
    @Inject
    MaterialImageRepository images;
    @Inject
    BlobStore blobs;
    @Inject
    PersonalDataReads reads;

    @GET
    @Produces("image/jpeg")
    @RolesAllowed({Role.CANDIDATE, Role.SITE_REVIEWER, Role.DISTRICT_REVIEWER, Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    public Response read(@PathParam("registration") String registrationId, @PathParam("image") String imageId) throws IOException {
        Registration r = registrations.findVisible(registrationId);
        MaterialImage image = images.find(r, imageId).orElseThrow(() -> Problems.notFound("该图片", "Picture"));
        reads.ofRegistration(r.id(), AuditLog.PICTURE_VIEWED, java.util.Map.of("image", image.id(), "materialType", image.materialType()));
        InputStream bytes;
        try {
            bytes = blobs.open(image.blobKey()).orElseThrow(() -> Problems.notFound("该图片", "Picture"));
        } catch (StorageUnavailableException e) {
            throw StorageProblems.unavailable();
        }
        return Response.ok(bytes, image.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, image.storedBytes())
                // Pictures of ID cards and diplomas: no cache keeps them, the browser's own included (a shared
                // computer at a review site, the next user of a candidate's phone). The viewer holds the picture
                // it shows. nosniff and the other security headers: cn.shenhe.web.SecurityHeaders.
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + image.materialType() + "-" + image.id() + ".jpg\"")
                .build();
    }

    @DELETE
    @RolesAllowed(Role.CANDIDATE)
    @APIResponse(responseCode = "204", description = "The picture is removed")
    @APIResponse(responseCode = "409", description = "The registration or the picture is locked (registration-locked, image-locked)")
    public Response delete(@PathParam("registration") String registrationId, @PathParam("image") String imageId) {
        uploads.delete(registrationId, imageId);
        return Response.noContent().build();
    }

}
