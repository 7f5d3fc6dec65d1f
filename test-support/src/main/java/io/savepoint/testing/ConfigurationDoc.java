package io.savepoint.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * Checks docs/configuration.md against the code of one service, so each savepoint.* default is written once in the
 * code and the page repeats it truthfully. The service's settings are found by reflection in its compiled classes and
 * proto's: every {@link ConfigMapping} interface (prefix + kebab-case method names, nested groups; a map is
 * {@code name.*}, a list of groups {@code name[*]}) and every {@link ConfigProperty} of a savepoint.* name.
 *
 * <p>The page's rows that name one {@code savepoint.*} property in their Property column are compared with them: the
 * Variable column must be the name SmallRye Config reads ({@link #variableOf}), the Default column must start with the
 * code's default in backticks, or with {@code none}, {@code **required**} or {@code per service} when the code has
 * none, and the Services column must name the service ({@code all} names every one). The service's
 * application.properties must not give a savepoint.* property a value outside a profile when the code has its default
 * (that would write it twice), must not hide a default in {@code ${VARIABLE:default}}, and may only set properties the
 * code reads. Every failure is collected and reported at once, naming the property and what differs.
 */
public final class ConfigurationDoc {

    /** Where the page is, from the repository root. */
    public static final String PAGE = "docs/configuration.md";

    private static final Pattern PROPERTY_CELL = Pattern.compile("`(savepoint\\.[^`]*)`");
    private static final Pattern VARIABLE_IN_PROPERTIES = Pattern.compile("\\$\\{(SAVEPOINT_[A-Z0-9_]+)");
    private static final Pattern EXPRESSION_WITH_DEFAULT = Pattern.compile("\\$\\{[^}:]+:[^}]+}");
    private static final Set<String> SERVICES = Set.of("metadata", "storage", "transfer");

    /**
     * One row of the page that documents a savepoint.* property; {@code variable} is null in a row of several
     * properties, {@code defaultKnown} false when the Default column could not be read (both already reported).
     */
    record Row(int line, String variable, String property, Set<String> services, boolean defaultKnown, Optional<String> defaultValue,
            String defaultCell) {

        boolean perService() {
            return defaultCell.startsWith("per service");
        }

        boolean covers(String service) {
            return services.contains("all") || services.contains(service);
        }
    }

    /** Where the code reads a property, and the default it writes there (empty: none). */
    record Use(String where, Optional<String> defaultValue) {
    }

    private final String service;
    private final Class<?> proto;
    private final List<String> problems = new ArrayList<>();

    private ConfigurationDoc(String service, Class<?> proto) {
        this.service = service;
        this.proto = proto;
    }

    /**
     * A check of {@code service} ("metadata", "storage" or "transfer"): the classes compiled into its target/classes
     * (the module's test runs in its folder) and proto's, found where the class {@code proto} was loaded from.
     */
    public static ConfigurationDoc of(String service, Class<?> proto) {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("Unknown service " + service + "; one of " + SERVICES);
        }
        return new ConfigurationDoc(service, proto);
    }

    /** Runs every check; throws one {@link AssertionError} listing each problem. */
    public void check() {
        Path root = RepoPaths.root();
        List<Row> rows = rows(read(root.resolve(PAGE)), problems);
        Map<String, Row> documented = new LinkedHashMap<>();
        for (Row row : rows) {
            if (documented.putIfAbsent(row.property(), row) != null) {
                problems.add(PAGE + ":" + row.line() + ": " + row.property() + " has a second row (first at line "
                        + documented.get(row.property()).line() + ")");
            }
        }
        Map<String, List<Use>> code = uses();
        checkCode(code, documented);
        checkPage(code, rows);
        checkProperties(root.resolve(service + "-service/src/main/resources/application.properties"), code, documented, rows);
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " difference(s) between " + PAGE + ", the code and the application.properties"
                    + " of " + service + "-service:\n  - " + String.join("\n  - ", problems));
        }
    }

    private void checkCode(Map<String, List<Use>> code, Map<String, Row> documented) {
        code.forEach((property, uses) -> {
            List<Use> defaults = uses.stream().filter(r -> r.defaultValue().isPresent()).toList();
            if (defaults.size() > 1) {
                problems.add(property + ": its default is written " + defaults.size() + " times, in "
                        + defaults.stream().map(r -> r.where() + " (" + r.defaultValue().get() + ")").toList()
                        + "; keep it in one place (the @ConfigMapping's @WithDefault)");
            }
            Optional<String> codeDefault = defaults.stream().findFirst().flatMap(Use::defaultValue);
            String where = uses.stream().map(Use::where).toList().toString();
            Row row = documented.get(property);
            if (row == null) {
                problems.add(property + " is read by " + where + " but " + PAGE + " has no row for it");
                return;
            }
            String at = PAGE + ":" + row.line() + ": " + property;
            if (!row.covers(service)) {
                problems.add(at + " is for " + row.services() + ", but " + service + "-service reads it in " + where);
            }
            if (row.variable() != null && !row.variable().equals(variableOf(property))) {
                problems.add(at + " names the variable " + (row.variable().isEmpty() ? "(none)" : row.variable())
                        + ", but the one read is " + variableOf(property));
            }
            if (!row.defaultKnown()) {
                return;
            }
            if (codeDefault.isPresent() && row.defaultValue().isEmpty()) {
                problems.add(at + " has no default on the page (\"" + row.defaultCell() + "\"), but the code's is `"
                        + codeDefault.get() + "` (" + defaults.get(0).where() + ")");
            } else if (codeDefault.isEmpty() && row.defaultValue().isPresent()) {
                problems.add(at + " has the default `" + row.defaultValue().get() + "` on the page, but the code has none ("
                        + where + "): write it in @WithDefault, or make the page say none, **required** or per service");
            } else if (codeDefault.isPresent() && !codeDefault.equals(row.defaultValue())) {
                problems.add(at + " has the default `" + row.defaultValue().get() + "` on the page, but `" + codeDefault.get()
                        + "` in the code (" + defaults.get(0).where() + ")");
            }
        });
    }

    private void checkPage(Map<String, List<Use>> code, List<Row> rows) {
        for (Row row : rows) {
            if (row.covers(service) && !code.containsKey(row.property())) {
                problems.add(PAGE + ":" + row.line() + ": " + row.property() + " is listed for " + row.services() + ", but no"
                        + " @ConfigMapping or @ConfigProperty of " + service + "-service (or proto) reads it");
            }
        }
    }

    private void checkProperties(Path file, Map<String, List<Use>> code, Map<String, Row> documented, List<Row> rows) {
        String text = read(file);
        String name = service + "-service/src/main/resources/application.properties";
        Properties properties = new Properties();
        try (StringReader in = new StringReader(text)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> unprofiled = new TreeSet<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String value = properties.getProperty(key);
            boolean profiled = key.startsWith("%");
            String property = profiled ? key.substring(key.indexOf('.') + 1) : key;
            if (!property.startsWith("savepoint.")) {
                continue;
            }
            if (!code.containsKey(property)) {
                problems.add(name + " sets " + key + ", which no code of " + service + "-service reads");
                continue;
            }
            Optional<Use> withDefault = code.get(property).stream().filter(r -> r.defaultValue().isPresent()).findFirst();
            boolean expression = EXPRESSION_WITH_DEFAULT.matcher(value).find();
            if (!profiled) {
                unprofiled.add(property);
            }
            if (!profiled && withDefault.isPresent()) {
                problems.add(name + " sets " + key + "=" + value + " outside a profile, but its default is `"
                        + withDefault.get().defaultValue().get() + "` in " + withDefault.get().where()
                        + ": a default is written once, so drop the line or make it a %dev/%test/%prod override");
            } else if (expression) {
                problems.add(name + " sets " + key + "=" + value + ": a value inside ${VARIABLE:value}, but the property's own"
                        + " variable (" + variableOf(property) + ") already overrides every value of this file; give the plain value"
                        + (profiled ? "" : " (or none)"));
            } else if (!profiled && documented.containsKey(property) && !documented.get(property).perService()) {
                problems.add(name + " sets " + key + "=" + value + " outside a profile: that is a default; write it in the"
                        + " code's @WithDefault, or, if the value is fixed per service, say per service on the page");
            }
        }
        for (Row row : rows) {
            if (row.perService() && row.covers(service) && !unprofiled.contains(row.property())) {
                problems.add(PAGE + ":" + row.line() + ": " + row.property() + " is per service, but " + name + " does not set it");
            }
        }
        Set<String> variables = new TreeSet<>();
        Matcher m = VARIABLE_IN_PROPERTIES.matcher(text);
        while (m.find()) {
            variables.add(m.group(1));
        }
        String page = read(RepoPaths.root().resolve(PAGE));
        for (String variable : variables) {
            if (!page.contains("`" + variable + "`")) {
                problems.add(name + " reads " + variable + ", which " + PAGE + " does not name");
            }
        }
    }

    /**
     * The environment variable SmallRye Config reads for a property: every character other than a letter or digit
     * becomes {@code _}, and the whole name upper case ({@code savepoint.grpc.deadline} is {@code SAVEPOINT_GRPC_DEADLINE}).
     */
    public static String variableOf(String property) {
        StringBuilder variable = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            variable.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return variable.toString();
    }

    /** The page's rows that name savepoint.* properties; what does not follow the page's format is added to problems. */
    static List<Row> rows(String page, List<String> problems) {
        List<Row> rows = new ArrayList<>();
        String[] lines = page.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("|") || line.startsWith("|---")) {
                continue;
            }
            List<String> cells = cells(line);
            if (cells.size() < 4) {
                continue;
            }
            Matcher property = PROPERTY_CELL.matcher(cells.get(1));
            List<String> properties = new ArrayList<>();
            while (property.find()) {
                properties.add(property.group(1));
            }
            if (properties.isEmpty()) {
                continue;
            }
            String at = PAGE + ":" + (i + 1) + ": ";
            boolean single = properties.size() == 1 && cells.get(1).equals("`" + properties.get(0) + "`");
            if (!single) {
                problems.add(at + "a row names one savepoint.* property in its Property column and nothing else, not \""
                        + cells.get(1) + "\"");
            }
            Set<String> services = new LinkedHashSet<>();
            for (String s : cells.get(2).split(",")) {
                String name = s.strip();
                if (!name.equals("all") && !SERVICES.contains(name)) {
                    problems.add(at + "the Services of " + properties + " are all, or some of " + SERVICES + ", not \""
                            + cells.get(2) + "\"");
                }
                services.add(name);
            }
            String cell = cells.get(3);
            boolean defaultKnown = single;
            Optional<String> defaultValue = Optional.empty();
            if (cell.startsWith("`") && cell.indexOf('`', 1) > 0) {
                defaultValue = Optional.of(cell.substring(1, cell.indexOf('`', 1)));
            } else if (!cell.startsWith("none") && !cell.startsWith("**required**") && !cell.startsWith("per service")) {
                defaultKnown = false;
                problems.add(at + "the Default of " + properties + " starts with the default in backticks, or with none, **required**"
                        + " or per service, not \"" + cell + "\"");
            }
            for (String p : properties) {
                rows.add(new Row(i + 1, single ? cells.get(0).replace("`", "").strip() : null, p, services, defaultKnown, defaultValue,
                        cell));
            }
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    /** Every savepoint.* property the service's classes read, with where and the default written there. */
    private Map<String, List<Use>> uses() {
        Map<String, List<Use>> readers = new TreeMap<>();
        for (Class<?> type : classes()) {
            ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
            if (mapping != null && mapping.prefix().startsWith("savepoint.")) {
                mappingProperties(type, mapping.prefix(), type.getSimpleName(), readers);
            }
            for (Field field : declared(type, Class::getDeclaredFields)) {
                configProperty(field, type.getSimpleName() + "." + field.getName(), readers);
            }
            for (Executable executable : Stream.concat(Stream.of(declared(type, Class::getDeclaredConstructors)),
                    Stream.of(declared(type, Class::getDeclaredMethods))).toList()) {
                for (Parameter parameter : executable.getParameters()) {
                    String name = type.getSimpleName() + (executable instanceof Constructor<?> ? "" : "." + executable.getName());
                    configProperty(parameter, name + "(" + parameter.getName() + ")", readers);
                }
            }
        }
        return readers;
    }

    private static <T> T[] declared(Class<?> type, Function<Class<?>, T[]> members) {
        try {
            return members.apply(type);
        } catch (LinkageError e) {
            throw new AssertionError("Cannot inspect " + type.getName() + ": " + e, e);
        }
    }

    private static void configProperty(AnnotatedElement element, String where, Map<String, List<Use>> readers) {
        ConfigProperty property = element.getAnnotation(ConfigProperty.class);
        if (property != null && property.name().startsWith("savepoint.")) {
            Optional<String> defaultValue = property.defaultValue().equals(ConfigProperty.UNCONFIGURED_VALUE)
                    ? Optional.empty()
                    : Optional.of(property.defaultValue());
            readers.computeIfAbsent(property.name(), n -> new ArrayList<>()).add(new Use("@ConfigProperty in " + where, defaultValue));
        }
    }

    private static void mappingProperties(Class<?> group, String prefix, String where, Map<String, List<Use>> readers) {
        for (Method method : group.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.getParameterCount() > 0
                    || Set.of("toString", "hashCode").contains(method.getName())) {
                continue;
            }
            String name = method.isAnnotationPresent(WithParentName.class) ? prefix
                    : prefix + "." + (method.isAnnotationPresent(WithName.class) ? method.getAnnotation(WithName.class).value()
                            : kebab(method.getName()));
            String at = where + "." + method.getName() + "()";
            Type type = unwrapOptional(method.getGenericReturnType());
            Class<?> raw = raw(type);
            if (Map.class.isAssignableFrom(raw)) {
                Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
                name = name + ".*";
                type = value;
                raw = raw(value);
            } else if (Collection.class.isAssignableFrom(raw) && isGroup(raw(element(type)))) {
                name = name + "[*]";
                type = element(type);
                raw = raw(type);
            }
            if (isGroup(raw)) {
                mappingProperties(raw, name, at, readers);
            } else {
                WithDefault withDefault = method.getAnnotation(WithDefault.class);
                readers.computeIfAbsent(name, n -> new ArrayList<>()).add(new Use("@ConfigMapping " + at,
                        Optional.ofNullable(withDefault).map(WithDefault::value)));
            }
        }
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.");
    }

    private static Type unwrapOptional(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return p.getActualTypeArguments()[0];
        }
        if (type == OptionalInt.class) {
            return int.class;
        }
        if (type == OptionalLong.class) {
            return long.class;
        }
        return type == OptionalDouble.class ? double.class : type;
    }

    private static Type element(Type type) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
    }

    /** SmallRye's default naming of a mapping method: {@code maxBlockBytes} is {@code max-block-bytes}. */
    static String kebab(String method) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean afterLower = i > 0 && !Character.isUpperCase(method.charAt(i - 1));
                boolean endsAcronym = i > 0 && i + 1 < method.length() && Character.isLowerCase(method.charAt(i + 1));
                if (i > 0 && (afterLower || endsAcronym)) {
                    name.append('-');
                }
                name.append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    /** The classes of the service's target/classes and of proto's class folder or jar. */
    private List<Class<?>> classes() {
        Path serviceClasses = RepoPaths.root().resolve(service + "-service/target/classes");
        Path protoClasses;
        try {
            protoClasses = Path.of(proto.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> classes = new ArrayList<>();
        for (Path location : List.of(serviceClasses, protoClasses)) {
            for (String name : classNames(location)) {
                try {
                    classes.add(Class.forName(name, false, proto.getClassLoader()));
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("Cannot load " + name + " from " + location + ": " + e, e);
                }
            }
        }
        return classes;
    }

    private static List<String> classNames(Path location) {
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    return files.filter(f -> f.toString().endsWith(".class")).map(f -> location.relativize(f).toString())
                            .filter(ConfigurationDoc::isClass).map(ConfigurationDoc::className).toList();
                }
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                        .filter(ConfigurationDoc::isClass).map(ConfigurationDoc::className).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isClass(String file) {
        return !file.endsWith("module-info.class") && !file.endsWith("package-info.class");
    }

    private static String className(String file) {
        return file.substring(0, file.length() - ".class".length()).replace('/', '.').replace('\\', '.');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
