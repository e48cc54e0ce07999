package io.cadenza.api.ipfs;

import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * A read-only gateway for the files the API pinned: the file itself, or with {@code ?format=car} a CARv1 of its
 * blocks (as IPFS trustless gateways answer) to import into any IPFS node. Content on IPFS is public by nature.
 */
@Controller("/ipfs")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
public class IpfsGatewayController {
    public static final String CAR_MEDIA_TYPE = "application/vnd.ipld.car";

    private final ContentPins pins;
    private final BlockStore blocks;
    private final CarExport car;

    public IpfsGatewayController(ContentPins pins, BlockStore blocks, CarExport car) {
        this.pins = pins;
        this.blocks = blocks;
        this.car = car;
    }

    @Get("/{cid}")
    public HttpResponse<?> get(@PathVariable String cid, @Nullable @QueryValue String format) {
        Cid root;
        try {
            root = Cid.parse(cid);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cid", "must be a CIDv1 in base32");
        }
        if (format != null && !"car".equals(format)) {
            throw ProblemException.invalidField("format", "must be car, or absent for the file itself");
        }
        PinnedContent content = pins.find(root.toString())
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No pinned file has this CID."));
        if ("car".equals(format)) {
            Writable archive = new Writable() {
                @Override
                public void writeTo(Writer out) {
                    throw new UnsupportedOperationException("a CAR is binary");
                }

                @Override
                public void writeTo(OutputStream out, Charset charset)
                        throws IOException {
                    car.write(root, out);
                }
            };
            return HttpResponse.ok(archive).contentType(CAR_MEDIA_TYPE)
                    .header(HttpHeaders.ETAG, "\"" + root + ".car\"")
                    .header(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
        }
        StreamedFile file = new StreamedFile(new UnixFsFileStream(blocks, root), MediaType.of(content.mediaType()));
        return HttpResponse.ok(file).contentLength(content.bytes())
                .header(HttpHeaders.ETAG, "\"" + root + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
    }
}
