package dev.lawn.data.fuzz;

import dev.lawn.data.image.CifarReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutation fuzzing of the binary image formats: IDX (raw and gzipped) and CIFAR-10/100. */
class BinaryImageFuzzTest {

  @TempDir Path work;

  private final FuzzSettings settings = FuzzSettings.fromSystemProperties(FuzzSettings.REGULAR_CASES);

  @Test
  void idxImages() {
    FuzzAssertions.assertCleanWithParses(FuzzCampaign.run(new IdxTarget("idx-images", IdxTarget.Kind.IMAGES, false),
        settings, work));
  }

  @Test
  void idxImagesGzipped() {
    FuzzAssertions.assertClean(FuzzCampaign.run(new IdxTarget("idx-images-gz", IdxTarget.Kind.IMAGES, true),
        settings, work));
  }

  @Test
  void idxLabels() {
    FuzzAssertions.assertCleanWithParses(FuzzCampaign.run(new IdxTarget("idx-labels", IdxTarget.Kind.LABELS, false),
        settings, work));
  }

  @Test
  void cifar10() {
    FuzzAssertions.assertCleanWithParses(
        FuzzCampaign.run(new CifarTarget(CifarReader.Variant.CIFAR10), settings, work));
  }

  @Test
  void cifar100() {
    FuzzAssertions.assertCleanWithParses(
        FuzzCampaign.run(new CifarTarget(CifarReader.Variant.CIFAR100), settings, work));
  }
}
