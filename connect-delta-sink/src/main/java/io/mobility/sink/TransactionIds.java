package io.mobility.sink;

import org.apache.kafka.common.TopicPartition;

/**
 * The Delta transaction id of a topic-partition: {@code <app id>-<topic>-<partition>}. Stable across restarts and
 * rebalances, and the same for every task, so whichever task owns a partition continues its offsets.
 */
record TransactionIds(String appId) {

    String of(TopicPartition tp) {
        return appId + "-" + tp.topic() + "-" + tp.partition();
    }
}
