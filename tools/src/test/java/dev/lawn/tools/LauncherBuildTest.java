package dev.lawn.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./lawn} launcher builds the reactor with {@code -Dmaven.test.skip=true}, under which no module
 * makes a test-jar. A module that needs another's test-jar outside a profile switched off by that flag
 * breaks the launcher's first build on a fresh machine (a local repository without the test-jar) while
 * the test command, which builds test-jars, still passes. This checks every module pom for that.
 */
class LauncherBuildTest {

  private static final Pattern TEST_JAR = Pattern.compile("<type>test-jar</type>");
  private static final Pattern PROFILE = Pattern.compile("<profile>(.*?)</profile>", Pattern.DOTALL);
  private static final String OFF_UNDER_TEST_SKIP =
      "<activation><property><name>maven.test.skip</name><value>!true</value></property></activation>";

  @Test
  void launcherSkipsTestsAndNoPomNeedsATestJarThen() throws IOException {
    Path root = checkout();
    assertTrue(Files.readString(root.resolve("lawn")).contains("-Dmaven.test.skip=true"),
        "the launcher's build flag changed; revisit this test");
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> poms = Files.list(root)) {
      for (Path module : poms.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).toList()) {
        String pom = Files.readString(module.resolve("pom.xml"));
        long all = TEST_JAR.matcher(pom).results().count();
        long guarded = 0;
        Matcher profile = PROFILE.matcher(pom);
        while (profile.find()) {
          if (profile.group(1).contains(OFF_UNDER_TEST_SKIP)) {
            guarded += TEST_JAR.matcher(profile.group(1)).results().count();
          }
        }
        if (all != guarded) {
          offenders.add(module.getFileName() + "/pom.xml");
        }
      }
    }
    assertTrue(offenders.isEmpty(), "test-jar dependencies outside a profile off under maven.test.skip: " + offenders);
  }

  /** The checkout's root: the tests run in the tools module. */
  private static Path checkout() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("lawn")) ? here : here.getParent();
  }
}
