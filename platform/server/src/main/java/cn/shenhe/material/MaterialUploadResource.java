package cn.shenhe.material;

import cn.shenhe.problem.Problem;
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

/**
 * Uploading a picture of one material type: the body is the picture ({@code image/jpeg},
 * {@code image/png}); a multipart form with a {@code file} part is accepted too.
 */
@Path("/districts/{district}/registrations/{registration}/materials/{type}/images")
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
        RegistrationView.ImageView view = RegistrationViews.image(m, RegistrationViews.url(district, m.registration().id()));
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
