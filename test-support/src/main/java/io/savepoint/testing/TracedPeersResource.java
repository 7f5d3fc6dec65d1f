package io.savepoint.testing;

import java.util.Map;

/**
 * {@link AllPeersResource} with tracing on in all three services, exporting to an {@link OtlpTraceCollector} that a
 * test field of that type receives.
 */
public class TracedPeersResource extends AllPeersResource {

    private OtlpTraceCollector collector;

    @Override
    public Map<String, String> start() {
        collector = OtlpTraceCollector.start();
        return super.start();
    }

    @Override
    protected Map<String, String> everyServiceConfig() {
        return collector.exportConfig();
    }

    @Override
    public void inject(TestInjector testInjector) {
        super.inject(testInjector);
        testInjector.injectIntoFields(collector, new TestInjector.MatchesType(OtlpTraceCollector.class));
    }

    @Override
    public void stop() {
        super.stop();
        if (collector != null) {
            collector.close();
        }
    }
}
