package io.cadenza.api.masters;

import io.cadenza.api.problem.ProblemException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes a stream through until it exceeds its bound, then fails the upload with a 413 problem. */
final class BoundedInputStream extends FilterInputStream {
    private final String part;
    private final long bytesMax;
    private long bytesRead;

    BoundedInputStream(InputStream in, String part, long bytesMax, long alreadyRead) {
        super(in);
        this.part = part;
        this.bytesMax = bytesMax;
        this.bytesRead = alreadyRead;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            count(read);
        }
        return read;
    }

    private void count(int read) {
        bytesRead += read;
        if (bytesRead > bytesMax) {
            ProblemException tooLarge = UploadRejectedException.tooLarge(part, bytesMax);
            throw tooLarge;
        }
    }
}
