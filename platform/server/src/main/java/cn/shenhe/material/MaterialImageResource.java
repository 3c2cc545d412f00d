package cn.shenhe.material;

import cn.shenhe.problem.ProblemException;
import cn.shenhe.problem.Problems;
import cn.shenhe.registration.Registration;
import cn.shenhe.registration.RegistrationService;
import cn.shenhe.registration.RegistrationView;
import cn.shenhe.registration.RegistrationViews;
import cn.shenhe.security.RequestContext;
import cn.shenhe.security.Role;
import cn.shenhe.storage.BlobStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * A registration's pictures: upload (the body is the picture; a multipart form with a
 * {@code file} part is accepted too), read back (watermarked), delete until locked.
 */
@Path("/districts/{district}/registrations/{registration}")
@RequestScoped
public class MaterialImageResource {

    /** Room for a multipart envelope around the largest accepted picture. */
    private static final long MULTIPART_OVERHEAD = 16 * 1024;

    @Inject
    UploadService uploads;
    @Inject
    RegistrationService registrations;
    @Inject
    MaterialImageRepository images;
    @Inject
    BlobStore blobs;
    @Inject
    RequestContext request;

    @POST
    @Path("/materials/{type}/images")
    @Consumes({"image/jpeg", "image/png", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.CANDIDATE)
    public Response upload(@PathParam("registration") String registrationId, @PathParam("type") String type,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body) {
        return created(uploads.upload(registrationId, type, body, length(contentLength)));
    }

    @POST
    @Path("/materials/{type}/images")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.CANDIDATE)
    public Response uploadForm(@PathParam("registration") String registrationId, @PathParam("type") String type,
                               @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                               @FormParam("file") EntityPart file) {
        // The form is parsed before we see it: refuse an oversized one by its declared length.
        long declared = length(contentLength);
        if (declared < 0) {
            throw new ProblemException(411, "length-required", "上传请求缺少长度信息,请重试", "Content-Length is required for form uploads");
        }
        if (file == null) {
            throw new ProblemException(400, "file-missing", "请选择要上传的图片", "The form has no 'file' part");
        }
        return created(uploads.upload(registrationId, type, file.getContent(), Math.max(-1, declared - MULTIPART_OVERHEAD)));
    }

    @GET
    @Path("/images/{image}")
    @Produces("image/jpeg")
    @RolesAllowed({Role.CANDIDATE, Role.SITE_REVIEWER, Role.DISTRICT_REVIEWER, Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN})
    public Response read(@PathParam("registration") String registrationId, @PathParam("image") String imageId) throws IOException {
        Registration r = registrations.findVisible(registrationId);
        MaterialImage image = images.find(r, imageId).orElseThrow(() -> Problems.notFound("该图片", "Picture"));
        InputStream bytes = blobs.open(image.blobKey()).orElseThrow(() -> Problems.notFound("该图片", "Picture"));
        return Response.ok(bytes, image.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, image.storedBytes())
                // Pictures are personal data: the browser may keep them, shared caches may not.
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + image.materialType() + "-" + image.id() + ".jpg\"")
                .build();
    }

    @DELETE
    @Path("/images/{image}")
    @RolesAllowed(Role.CANDIDATE)
    public Response delete(@PathParam("registration") String registrationId, @PathParam("image") String imageId) {
        uploads.delete(registrationId, imageId);
        return Response.noContent().build();
    }

    private Response created(MaterialImage m) {
        String base = "/api/v1/districts/" + request.district() + "/registrations/" + m.registration().id();
        RegistrationView.ImageView view = RegistrationViews.image(m, base);
        return Response.created(URI.create(view.url())).type(MediaType.APPLICATION_JSON).entity(view).build();
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
