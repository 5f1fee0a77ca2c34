package io.circles.local;

import java.util.Arrays;

/**
 * Main class of the S3Proxy child JVM: org.gaul.s3proxy.Main, plus exiting when the parent JVM dies. S3Proxy runs in
 * its own JVM so its Jetty, jclouds and Guava never meet the services' classpaths.
 */
public final class S3ProxyProcess {

    private S3ProxyProcess() {
    }

    /** Arguments: parent pid, then S3Proxy's own arguments ({@code --properties <file>}). */
    public static void main(String[] args) throws Exception {
        ParentWatch.start(ParentWatch.parsePid(args[0]));
        Class.forName("org.gaul.s3proxy.Main")
                .getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
