package io.mobility.bench.api;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP/1.1 load generator on keep-alive sockets: each connection sends a request, reads the whole
 * answer, and sends the next; every latency is recorded. Small enough to leave the CPU to the server.
 */
final class LoadGenerator {

    record Result(long requests, long errors, double seconds, double requestsPerSecond, double p50Ms, double p99Ms) {}

    private final int port;
    private final int connections;

    LoadGenerator(int port, int connections) {
        this.port = port;
        this.connections = connections;
    }

    /** Runs for {@code seconds}; {@code body(i)} gives the i-th request's JSON. */
    Result run(String path, IntFunction<String> body, double seconds) throws InterruptedException {
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        long[] errors = new long[connections];
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        for (int c = 0; c < connections; c++) {
            int connection = c;
            Thread thread = new Thread(
                    () -> {
                        long[] mine = new long[1 << 16];
                        int n = 0;
                        try (Socket socket = new Socket("127.0.0.1", port)) {
                            socket.setTcpNoDelay(true);
                            OutputStream out = socket.getOutputStream();
                            InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
                            int i = connection;
                            while (System.nanoTime() < end) {
                                byte[] request = request(path, body.apply(i));
                                i += connections;
                                long sent = System.nanoTime();
                                out.write(request);
                                out.flush();
                                int status = readResponse(in);
                                if (n == mine.length) {
                                    mine = Arrays.copyOf(mine, n * 2);
                                }
                                mine[n++] = System.nanoTime() - sent;
                                if (status != 200) {
                                    errors[connection]++;
                                }
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        } finally {
                            latencies[connection] = mine;
                            counts[connection] = n;
                            done.countDown();
                        }
                    },
                    "load-" + c);
            thread.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Result(
                total,
                Arrays.stream(errors).sum(),
                elapsed,
                total / elapsed,
                percentile(all, 0.50) / 1e6,
                percentile(all, 0.99) / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0
                ? Double.NaN
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static byte[] request(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** Reads one response (Content-Length or chunked) and returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed by the server");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).trim(), 16);
                    size > 0;
                    size = Long.parseLong(line(in).trim(), 16)) {
                skip(in, size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            skip(in, length);
        }
        return status;
    }

    private static void skip(InputStream in, long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed mid-body");
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                int len = line.length();
                return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
            }
            line.append((char) b);
        }
        return line.length() == 0 ? null : line.toString();
    }

    static List<String> describe(Result r) {
        return List.of(String.format(
                "%,d requests in %.1f s: %.0f req/s, p50 %.3f ms, p99 %.3f ms, %d errors",
                r.requests(), r.seconds(), r.requestsPerSecond(), r.p50Ms(), r.p99Ms(), r.errors()));
    }
}
