package io.mobility.simulator.kafka;

import io.mobility.simulator.sink.EventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;

/**
 * Hands records to another sink on one worker thread, in batches, so that generating events and serializing and
 * producing them overlap on two cores. One worker keeps the order of sends. When the target can serialize, the
 * calling thread serializes a batch itself whenever the worker is behind (a handed-off batch still waits in the
 * queue) and hands over the bytes: the two threads share the serialization by how busy each is, whatever the
 * relative costs of generating, serializing and sending on this machine. Callers must not change a record after
 * sending it. A failure in the worker fails the next send or flush.
 */
public final class HandOffSink implements EventSink {

    static final int BATCH = 1024;

    private record Call(String topic, String key, SpecificRecord value, byte[] raw) {}

    private final EventSink target;
    private final SerializingSink serializer;
    private boolean serializeHere;
    private long serializedHere;
    private final BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(16);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread worker;
    private List<Object> batch = new ArrayList<>(BATCH);
    private boolean closed;

    public HandOffSink(EventSink target) {
        this.target = target;
        this.serializer = target instanceof SerializingSink s ? s : null;
        this.worker = new Thread(this::drain, "simulator-send");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public void send(String topic, String key, SpecificRecord value) {
        if (serializeHere) {
            serializedHere++;
            add(new Call(topic, key, null, serializer.serialize(topic, value)));
        } else {
            add(new Call(topic, key, value, null));
        }
    }

    @Override
    public void sendRaw(String topic, String key, byte[] value) {
        add(new Call(topic, key, null, value));
    }

    private void add(Call call) {
        batch.add(call);
        if (batch.size() == BATCH) {
            // Asked before this batch joins the queue: right after, the queue holds at least this batch, until the
            // worker takes it, and the worker would look behind nearly always (96% serialized here, measured).
            boolean workerBehind = !queue.isEmpty();
            handOff(batch);
            batch = new ArrayList<>(BATCH);
            serializeHere = serializer != null && workerBehind;
        }
    }

    /** Records the calling thread serialized itself because the worker was behind. */
    public long serializedHere() {
        return serializedHere;
    }

    private void handOff(List<Object> items) {
        throwIfFailed();
        try {
            queue.put(items);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing records to the sender", e);
        }
    }

    /** Sends everything handed off so far through the target, then flushes the target. */
    @Override
    public void flush() {
        CountDownLatch done = new CountDownLatch(1);
        List<Object> last = batch;
        last.add(done);
        batch = new ArrayList<>(BATCH);
        handOff(last);
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while flushing", e);
        }
        throwIfFailed();
    }

    private void drain() {
        try {
            while (true) {
                for (Object item : queue.take()) {
                    if (item == STOP) {
                        return;
                    }
                    if (item instanceof CountDownLatch done) {
                        run(target::flush);
                        done.countDown();
                    } else if (item instanceof Call c) {
                        run(() -> {
                            if (c.raw == null) {
                                target.send(c.topic, c.key, c.value);
                            } else {
                                target.sendRaw(c.topic, c.key, c.raw);
                            }
                        });
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one call unless an earlier one failed; the first failure is kept for the caller. */
    private void run(Runnable call) {
        if (failure.get() != null) {
            return;
        }
        try {
            call.run();
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    private static final Object STOP = new Object();

    private void throwIfFailed() {
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException("sending failed: " + t.getMessage(), t);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } finally {
            List<Object> stop = new ArrayList<>(1);
            stop.add(STOP);
            try {
                queue.put(stop);
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            target.close();
        }
    }
}
