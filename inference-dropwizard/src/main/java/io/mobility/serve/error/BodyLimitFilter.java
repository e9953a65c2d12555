package io.mobility.serve.error;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies above the configured size with 413: up front when Content-Length says so, and while reading when
 * a chunked body grows past it.
 *
 * <p>Before any answer goes out, whatever the request body still holds is read and discarded (up to a bound): a
 * refusal often leaves it unread (a parse error at byte 1, a wrong media type, a missing token), and then the server
 * must close the connection, racing the client that already reuses it for its next request, which then gets no
 * answer at all.
 */
@PreMatching
public final class BodyLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** Beyond this, reading the rest costs more than a lost answer: the connection is closed instead. */
    public static final long DRAIN_LIMIT = 1 << 20;

    private final long maxBytes;

    public BodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long length = request.getLength();
        if (length > maxBytes) {
            throw tooLarge(length > DRAIN_LIMIT || !drained(request.getEntityStream(), DRAIN_LIMIT));
        }
        request.setEntityStream(new LimitedStream(request.getEntityStream()));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        try {
            drained(request.getEntityStream(), DRAIN_LIMIT);
        } catch (RuntimeException e) {
            // Only ever a body past the limit; its answer is already decided.
        }
    }

    private BodyTooLargeException tooLarge(boolean closeConnection) {
        return new BodyTooLargeException("body is larger than the limit of " + maxBytes + " bytes", closeConnection);
    }

    /** Reads and discards up to {@code limit} bytes; true when the body ended within them. */
    public static boolean drained(InputStream in, long limit) {
        byte[] buffer = new byte[8192];
        long total = 0;
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > limit) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private final class LimitedStream extends FilterInputStream {
        private long read;

        LimitedStream(InputStream in) {
            super(in);
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
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > maxBytes) {
                throw tooLarge(!drained(in, DRAIN_LIMIT));
            }
        }
    }
}
