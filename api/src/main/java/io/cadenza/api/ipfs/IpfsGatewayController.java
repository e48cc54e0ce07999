package io.cadenza.api.ipfs;

import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Head;
import io.micronaut.http.annotation.Header;
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
import java.util.Optional;

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

    /**
     * The file (or its CAR). A single {@code Range} is answered {@code 206} with just those bytes, so players can
     * seek; the CID is the ETag, and {@code If-None-Match} with it is answered {@code 304}.
     */
    @Get(value = "/{cid}", headRoute = false) // HEAD has its own route, which knows the length
    public HttpResponse<?> get(@PathVariable String cid, @Nullable @QueryValue String format,
            @Nullable @Header(HttpHeaders.RANGE) String range,
            @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Cid root = parse(cid);
        if (format != null && !"car".equals(format)) {
            throw ProblemException.invalidField("format", "must be car, or absent for the file itself");
        }
        ContentPins.Pinned pinned = pins.find(root.toString())
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No pinned file has this CID."));
        PinnedContent content = pinned.content();
        long pinnedAt = pinned.pinnedAt().toEpochMilli();
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
        String etag = "\"" + root + "\"";
        if (ifNoneMatch != null && matchesAny(ifNoneMatch, etag)) {
            return immutable(HttpResponse.notModified(), etag);
        }
        MediaType type = MediaType.of(content.mediaType());
        Optional<ByteRange> part = ByteRange.of(range, content.bytes());
        if (part.isPresent()) {
            ByteRange bytes = part.get();
            StreamedFile file = new StreamedFile(new UnixFsFileStream(blocks, root, bytes.first(), bytes.length()), type,
                    pinnedAt, bytes.length());
            return immutable(HttpResponse.status(HttpStatus.PARTIAL_CONTENT).body(file), etag)
                    .header(HttpHeaders.CONTENT_RANGE, bytes.contentRange());
        }
        StreamedFile file = new StreamedFile(new UnixFsFileStream(blocks, root), type, pinnedAt,
                content.bytes());
        return immutable(HttpResponse.ok(file), etag);
    }

    /** What a GET would answer, without the bytes: players ask for the size and whether they can seek. */
    @Head("/{cid}")
    public HttpResponse<?> head(@PathVariable String cid) {
        Cid root = parse(cid);
        ContentPins.Pinned pinned = pins.find(root.toString())
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No pinned file has this CID."));
        return immutable(HttpResponse.ok(), "\"" + root + "\"").contentType(pinned.content().mediaType())
                .header(HttpHeaders.CONTENT_LENGTH, Long.toString(pinned.content().bytes()));
    }

    private static Cid parse(String cid) {
        try {
            return Cid.parse(cid);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cid", "must be a CIDv1 in base32");
        }
    }

    /** Whether an {@code If-None-Match} list names the tag (compared weakly, as RFC 9110 has it for this header). */
    private static boolean matchesAny(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || (candidate.startsWith("W/") ? candidate.substring(2) : candidate).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** Content by CID never changes. */
    private static MutableHttpResponse<?> immutable(MutableHttpResponse<?> response, String etag) {
        return response.header(HttpHeaders.ETAG, etag).header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
    }
}
