package io.circles.local;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Main class wrapping a service's own main so the service exits when the LocalStack JVM that started it dies.
 */
public final class ServiceProcess {

    private ServiceProcess() {
    }

    /** Arguments: parent pid, the real main class, then its arguments. */
    public static void main(String[] args) throws Throwable {
        ParentWatch.start(ParentWatch.parsePid(args[0]));
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
