package io.savepoint.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.assertj.core.api.SoftAssertions;

/**
 * A seeded fuzz run against one service: every route gets its share of requests (in a shuffled round robin), about
 * one in ten sent valid and the rest mutated by {@link Fuzz}, one after another on a keep-alive {@link RawHttp}
 * connection. It records every 5xx and every request left without a complete response, grouped by (route, status,
 * start of the body), so that one run reports all the defects it met, each with an example request.
 *
 * <p>The seed is {@code -Dsavepoint.fuzz.seed} (default {@link #DEFAULT_SEED}), the number of requests
 * {@code -Dsavepoint.fuzz.requests} (default {@link #DEFAULT_REQUESTS}).
 */
public final class FuzzRun {

    public static final long DEFAULT_SEED = 16;
    public static final int DEFAULT_REQUESTS = 2400;
    /** The share of requests sent as the route made them, so that mutations start from real shapes and resources. */
    public static final double VALID_SHARE = 0.1;

    /** One HTTP method and path template, its query parameters, and how to make a valid request of it. */
    public record Route(String name, List<String> params, Function<Fuzz, FuzzRequest> valid) {
    }

    /** What a route's requests got. */
    public static final class RouteStats {
        public int valid;
        public int mutated;
        /** Valid requests answered 2xx or 3xx. */
        public int validSucceeded;
        /** Mutated requests that carried one of the issue's characters by the sweep (the rest are random mutations). */
        public int swept;
        int sweepStep;
        long nanos;
        public final Map<Integer, Integer> statuses = new TreeMap<>();
    }

    /** A distinct failure: the route, the status (0 = no complete response), the start of the answer. */
    public record Failure(String route, int status, String body) {
    }

    private final String service;
    private final long seed;
    private final int requests;
    private final Fuzz fuzz;
    private final String host;
    private final int port;
    private final RawHttp http;
    private final List<Route> routes = new ArrayList<>();
    private int refreshEvery;
    private Runnable refresh;

    public FuzzRun(String service, String host, int port) {
        this.service = service;
        this.seed = Long.getLong("savepoint.fuzz.seed", DEFAULT_SEED);
        this.requests = Integer.getInteger("savepoint.fuzz.requests", DEFAULT_REQUESTS);
        this.fuzz = new Fuzz(seed);
        this.host = host;
        this.port = port;
        this.http = new RawHttp(host, port, Duration.ofSeconds(30));
        System.out.println(
                service + " fuzz: seed " + seed + " (-Dsavepoint.fuzz.seed=" + seed + " repeats this run), " + requests + " requests");
    }

    public long seed() {
        return seed;
    }

    public Fuzz fuzz() {
        return fuzz;
    }

    public FuzzRun route(String method, String template, List<String> params, Function<Fuzz, FuzzRequest> valid) {
        routes.add(new Route(method + " " + template, params, valid));
        return this;
    }

    /** Runs {@code action} before every {@code n}th request, e.g. to make fresh resources the mutations went on to delete. */
    public FuzzRun every(int n, Runnable action) {
        this.refreshEvery = n;
        this.refresh = action;
        return this;
    }

    /** GET of {@code path} (e.g. {@code /q/health/ready}) on a connection of its own. */
    public RawHttp.Response get(String path) throws RawHttp.NoResponse {
        try (RawHttp own = new RawHttp(host, port, Duration.ofSeconds(30))) {
            return own.exchange(
                    ("GET " + path + " HTTP/1.1\r\nHost: " + own.authority() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), false);
        }
    }

    /** Sends the requests; answers what they got. */
    public Result run() {
        long started = System.nanoTime();
        Result result = new Result();
        List<Route> order = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            if (refresh != null && i > 0 && i % refreshEvery == 0) {
                refresh.run();
            }
            if (order.isEmpty()) {
                order.addAll(routes);
                Collections.shuffle(order, fuzz.random());
            }
            Route route = order.remove(order.size() - 1);
            FuzzRequest request = route.valid().apply(fuzz);
            boolean valid = fuzz.chance(VALID_SHARE);
            RouteStats stats = result.routes.computeIfAbsent(route.name(), r -> new RouteStats());
            if (!valid) {
                // Every other mutated request of a route puts the issue's characters in its next place until each
                // character has been in each place; the others mutate at random.
                if (stats.mutated % 2 == 0 && stats.sweepStep < Fuzz.sweepSlots(request, route.params()).size() * Fuzz.ISSUE_COUNT) {
                    Fuzz.sweep(request, route.params(), stats.sweepStep++);
                    stats.swept++;
                } else {
                    fuzz.mutate(request, route.params());
                }
            }
            long sent = System.nanoTime();
            int status;
            String answer;
            try {
                RawHttp.Response response = http.exchange(request.bytes(http.authority()), request.isHead());
                status = response.status();
                answer = response.bodyText();
            } catch (RawHttp.NoResponse e) {
                status = 0;
                answer = "no complete response: " + e.getMessage();
            }
            stats.nanos += System.nanoTime() - sent;
            stats.statuses.merge(status, 1, Integer::sum);
            if (valid) {
                stats.valid++;
                if (status >= 200 && status < 400) {
                    stats.validSucceeded++;
                }
            } else {
                stats.mutated++;
            }
            if (status == 0 || status >= 500) {
                Failure failure = new Failure(route.name(), status, answer.length() > 200 ? answer.substring(0, 200) : answer);
                result.failures.computeIfAbsent(failure, f -> new ArrayList<>()).add(request.describe());
            }
        }
        http.close();
        result.millis = (System.nanoTime() - started) / 1_000_000;
        result.connections = http.connections();
        System.out.println(result.summary());
        return result;
    }

    /** What one run met. */
    public final class Result {
        public final Map<String, RouteStats> routes = new LinkedHashMap<>();
        /** Each distinct failure and the requests that met it (in order). */
        public final Map<Failure, List<String>> failures = new LinkedHashMap<>();
        public long millis;
        public int connections;

        public int mutated() {
            return routes.values().stream().mapToInt(s -> s.mutated).sum();
        }

        public int valid() {
            return routes.values().stream().mapToInt(s -> s.valid).sum();
        }

        public int validSucceeded() {
            return routes.values().stream().mapToInt(s -> s.validSucceeded).sum();
        }

        /** Per route: requests (valid, of which succeeded / mutated) and statuses; then the totals. */
        public String summary() {
            StringBuilder text = new StringBuilder(service + " fuzz, seed " + seed + ": " + (valid() + mutated()) + " requests ("
                    + valid() + " valid, " + validSucceeded() + " of them 2xx/3xx; " + mutated() + " mutated) in " + millis + " ms on "
                    + connections + " connections\n");
            routes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                RouteStats s = e.getValue();
                int n = s.valid + s.mutated;
                text.append(String.format("  %-78s %4d requests (%3d valid, %3d ok; %3d swept) %5.1f ms avg %s%n", e.getKey(), n, s.valid,
                        s.validSucceeded, s.swept, s.nanos / 1e6 / Math.max(1, n), s.statuses));
            });
            return text.toString();
        }

        /**
         * The verdict every fuzz test asks for: no 5xx and no dropped connection, every one of {@code routes} routes
         * and at least 2,000 mutated requests sent, most valid requests served, and the service still ready after.
         */
        public void assertSound(int routeCount) throws RawHttp.NoResponse {
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(failureReport()).as("5xx or dropped connections").isEmpty();
            soft.assertThat(routes).hasSize(routeCount);
            soft.assertThat(mutated()).isGreaterThanOrEqualTo(2000);
            // the valid tenth reaches the application: most of it succeeds
            soft.assertThat(validSucceeded()).as(summary()).isGreaterThan(valid() / 2);
            RawHttp.Response ready = get("/q/health/ready");
            soft.assertThat(ready.status()).as("readiness after the run: %s", ready.bodyText()).isEqualTo(200);
            soft.assertAll();
        }

        /** Every distinct failure with its count and first example; empty when there is none. */
        public String failureReport() {
            if (failures.isEmpty()) {
                return "";
            }
            int total = failures.values().stream().mapToInt(List::size).sum();
            StringBuilder text = new StringBuilder(
                    service + " fuzz, seed " + seed + ": " + total + " requests got a 5xx or no complete response, in "
                            + failures.size() + " distinct ways (route, status, body):\n");
            Map<String, Map<Integer, Integer>> perRoute = new TreeMap<>();
            failures.forEach((f, examples) -> perRoute.computeIfAbsent(f.route(), r -> new TreeMap<>()).merge(f.status(), examples.size(),
                    Integer::sum));
            perRoute.forEach((route, statuses) -> text.append("  ").append(route).append(": ").append(statuses).append('\n'));
            failures.forEach((f, examples) -> text.append("\n- ").append(f.route()).append(" -> ")
                    .append(f.status() == 0 ? "no response" : f.status())
                    .append(" x").append(examples.size()).append(": ").append(printable(f.body())).append("\n    e.g. ")
                    .append(examples.get(0)).append('\n'));
            return text.toString();
        }

        private static String printable(String text) {
            return FuzzRequest.printable(text.getBytes(StandardCharsets.UTF_8), 200);
        }
    }
}
