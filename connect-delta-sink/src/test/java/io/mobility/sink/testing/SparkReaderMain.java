package io.mobility.sink.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * delta-spark in a JVM of its own, for integration tests whose JVM runs a Connect worker (Jetty 12, Servlet 6) that
 * cannot share a classpath with Spark (Servlet 5). Reads one SQL statement per line on stdin and answers each with
 * one line on stdout: {@code RESULT <JSON array of rows as JSON>} or {@code ERROR <message>}.
 */
public final class SparkReaderMain {

    public static final String RESULT = "RESULT ";
    public static final String ERROR = "ERROR ";

    private SparkReaderMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream out =
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        Lakehouse.spark();
        out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String sql;
        while ((sql = in.readLine()) != null) {
            try {
                List<String> rows = Lakehouse.sql(sql).toJSON().collectAsList();
                out.println(RESULT + "[" + String.join(",", rows) + "]");
            } catch (Exception e) {
                out.println(ERROR + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
        }
    }
}
