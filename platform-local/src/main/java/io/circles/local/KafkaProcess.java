package io.circles.local;

import java.util.Arrays;

/**
 * Main class of the Kafka child JVM: kafka.Kafka, plus exiting when the parent JVM dies.
 */
public final class KafkaProcess {

    private KafkaProcess() {
    }

    /** Arguments: parent pid, then kafka.Kafka's own arguments (the server.properties path). */
    public static void main(String[] args) throws Exception {
        ParentWatch.start(ParentWatch.parsePid(args[0]));
        kafka.Kafka.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
