package cn.shenhe.material;

import cn.shenhe.problem.Problem;
import cn.shenhe.registration.MaterialImage;
import cn.shenhe.registration.RegistrationView;
import cn.shenhe.registration.RegistrationViews;
import cn.shenhe.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Uploading a picture of one material type: the body is the picture ({@code image/jpeg},
 * {@code image/png}); a multipart form with a {@code file} part is accepted too.
 */
@Path("/districts/{district}/registrations/{registration}/materials/{type}/images")
// Both operations (a picture as the body, or in a form) answer alike.
@APIResponse(responseCode = "201", description = "Stored: the picture as the registration now shows it, its URL in Location",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegistrationView.ImageView.class)))
@APIResponse(responseCode = "400", description = "Empty body (empty-file), no 'file' part in a form (file-missing), or malformed"
        + " (bad-request)")
@APIResponse(responseCode = "404", description = "No such registration or material type (not-found, material-type-not-found)")
@APIResponse(responseCode = "409", description = "Refused by the registration's state: registration-locked, count-limit-reached,"
        + " upload-window-closed")
@APIResponse(responseCode = "413", description = "The picture is larger than the district allows (file-too-large, maxBytes)")
@APIResponse(responseCode = "415", description = "Not a picture in an accepted format (format-not-accepted, unsupported-media-type)")
@APIResponse(responseCode = "422", description = "The picture cannot be used: image-unreadable, image-dimensions-too-large, or"
        + " refused by a quality check (the check's code)")
@APIResponse(responseCode = "429", description = "Too many uploads, or one still being processed (too-many-uploads,"
        + " upload-in-progress; Retry-After)")
@APIResponse(responseCode = "503", description = "Decoding timed out, or the database or object store is unreachable"
        + " (image-processing-timeout, database-unavailable, storage-unavailable; Retry-After)")
@RequestScoped
public class MaterialUploadResource {

    /** Room for a multipart envelope around the largest accepted picture. */
    private static final long MULTIPART_OVERHEAD = 16 * 1024;

    /** The tenant; bound and checked against the caller by TenantFilter. */
    @PathParam("district")
    String district;
    @Context
    UriInfo uri;
    @Inject
    UploadService uploads;
    @Inject
    RegistrationViews views;

    @POST
    @Consumes({"image/jpeg", "image/png", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.CANDIDATE)
    public Response upload(@PathParam("registration") String registrationId, @PathParam("type") String type,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body) {
        return created(uploads.upload(registrationId, type, body, length(contentLength)));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.CANDIDATE)
    public Response uploadForm(@PathParam("registration") String registrationId, @PathParam("type") String type,
                               @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                               @FormParam("file") EntityPart file) {
        if (file == null) {
            throw Problem.FILE_MISSING.refuse();
        }
        // The declared length covers the whole form: minus the envelope it still bounds the picture.
        long declared = length(contentLength);
        return created(uploads.upload(registrationId, type, file.getContent(), declared < 0 ? -1 : Math.max(0, declared - MULTIPART_OVERHEAD)));
    }

    private Response created(UploadService.Upload upload) {
        MaterialImage m = upload.image();
        RegistrationView.ImageView view = views.image(m, RegistrationViews.url(district, m.registration().id()));
        return Response.created(uri.getRequestUri().resolve(view.url())).type(MediaType.APPLICATION_JSON)
                .header("Server-Timing", upload.serverTiming()).entity(view).build();
    }

    private static long length(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
