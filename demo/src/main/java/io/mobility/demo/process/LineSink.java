package io.mobility.demo.process;

/** Receives the lines a child process prints (besides its log file), e.g. to show its progress. */
@FunctionalInterface
public interface LineSink {

    LineSink NONE = line -> {};

    void accept(String line);
}
