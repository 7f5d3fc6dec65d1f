package io.savepoint.transfer.processing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.grpc.StatusRuntimeException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.savepoint.grpc.v1.FinishProcessingRequest;
import io.savepoint.grpc.v1.ProcessingWork;
import io.savepoint.protocol.GrpcFailures;
import io.savepoint.transfer.TransferConfig;
import io.savepoint.transfer.peers.MetadataClipCatalogClient;

/**
 * The processing loop of this instance: one thread that claims uploaded clips from the catalog (a lease in this
 * worker's name) and processes them one after the other. It polls every savepoint.transfer.processing-poll-interval
 * and is woken at once when an upload completes here. Nothing a clip contains can stop the loop.
 */
@ApplicationScoped
public class ProcessingWorker {

    private static final Logger LOG = Logger.getLogger(ProcessingWorker.class);

    private final MetadataClipCatalogClient catalog;
    private final ClipProcessor processor;
    private final TransferConfig config;
    private final String workerId = hostName() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private volatile ScheduledExecutorService executor;
    private volatile boolean catalogWasUnavailable;

    ProcessingWorker(MetadataClipCatalogClient catalog, ClipProcessor processor, TransferConfig config) {
        this.catalog = catalog;
        this.processor = processor;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.processingEnabled()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("clip-processing").daemon().factory());
        long interval = config.processingPollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::drain, interval, interval, TimeUnit.MILLISECONDS);
        LOG.infof("Clip processing worker %s polls every %s", workerId, config.processingPollInterval());
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Looks for work now (an upload just completed) instead of at the next poll. */
    public void wake() {
        ScheduledExecutorService running = executor;
        if (running != null && !running.isShutdown()) {
            running.execute(this::drain);
        }
    }

    public String workerId() {
        return workerId;
    }

    /** Processes clips until the catalog has none left; never throws (a throwing task would end the schedule). */
    void drain() {
        try {
            for (ProcessingWork work = catalog.claimProcessing(workerId); work.getHasWork(); work = catalog.claimProcessing(workerId)) {
                processOne(work);
            }
            catalogWasUnavailable = false;
        } catch (StatusRuntimeException e) {
            if (!GrpcFailures.isTransient(e)) {
                LOG.errorf(e, "Claiming clips to process failed");
            } else if (!catalogWasUnavailable) {
                catalogWasUnavailable = true;
                LOG.warnf("The clip catalog cannot hand out work (%s); retrying every %s", e.getStatus(), config.processingPollInterval());
            }
        } catch (RuntimeException e) {
            LOG.error("Clip processing loop failed; it continues at the next poll", e);
        }
    }

    private void processOne(ProcessingWork work) {
        long started = System.nanoTime();
        FinishProcessingRequest finish;
        try {
            finish = processor.process(work, workerId);
        } catch (Exception e) {
            LOG.warnf(e, "Processing clip %s failed for a reason outside the clip; it is retried when its lease runs out",
                    work.getGameClipId());
            return;
        }
        try {
            catalog.finishProcessing(finish);
            LOG.infof("Clip %s processed in %d ms: %s", work.getGameClipId(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    finish.getSuccess() ? "published" : "error (" + finish.getErrorReason() + ")");
        } catch (StatusRuntimeException e) {
            LOG.warnf("Clip %s was processed but the catalog refused the result (%s); the lease holder at that time decides",
                    work.getGameClipId(), e.getStatus());
        }
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "transfer";
        }
    }
}
