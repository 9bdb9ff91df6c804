package dev.lawn.data.fuzz;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutation fuzzing of the NCF preprocessed files. */
class NcfFilesFuzzTest {

  @TempDir Path work;

  @Test
  void ncfFiles() {
    FuzzSettings settings = FuzzSettings.fromSystemProperties(FuzzSettings.REGULAR_CASES);
    FuzzAssertions.assertCleanWithParses(FuzzCampaign.run(new NcfFilesTarget(settings), settings, work));
  }
}
