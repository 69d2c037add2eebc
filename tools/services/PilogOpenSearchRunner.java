import java.io.IOException;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * OpenSearchRunner's own main() refuses HTTP ports above 9299 (its free-port probe stops there)
 * and cannot be told otherwise from the command line; this entry point lifts that limit and
 * otherwise behaves like it: same options, nodes closed on SIGTERM.
 */
public final class PilogOpenSearchRunner {
    public static void main(final String[] args) throws InterruptedException {
        final OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (final IOException e) {
                e.printStackTrace();
            }
        }));
        try {
            runner.build(args);
        } catch (final RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        while (!runner.isClosed()) {
            Thread.sleep(1000);
        }
    }
}
