package dev.sendersbot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;

/** The layering of docs/architecture.md, held against the main code's bytecode. */
@AnalyzeClasses(packages = "dev.sendersbot", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

  private static final String ROOT = "dev.sendersbot.";

  @ArchTest
  static final ArchRule dependenciesPointDown =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .withOptionalLayers(true)
          .layer("cli")
          .definedBy(ROOT + "cli..")
          .layer("adapters")
          .definedBy(ROOT + "telegram..", ROOT + "console..")
          .layer("ops")
          .definedBy(ROOT + "ops..")
          .layer("chat")
          .definedBy(ROOT + "chat..")
          .layer("watch")
          .definedBy(ROOT + "watch..")
          .layer("store")
          .definedBy(ROOT + "store..")
          .layer("access")
          .definedBy(ROOT + "access..")
          .layer("gateway")
          .definedBy(ROOT + "gateway..")
          .layer("smsc")
          .definedBy(ROOT + "smsc..")
          .layer("message")
          .definedBy(ROOT + "message..")
          .layer("status")
          .definedBy(ROOT + "status..")
          .layer("config")
          .definedBy(ROOT + "config..")
          .layer("i18n")
          .definedBy(ROOT + "i18n..")
          .layer("time")
          .definedBy(ROOT + "time..")
          .whereLayer("cli")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("adapters")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("ops")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("chat")
          .mayOnlyBeAccessedByLayers("adapters", "cli")
          .whereLayer("watch")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("store")
          .mayOnlyBeAccessedByLayers("chat", "watch", "adapters", "cli")
          .whereLayer("access")
          .mayOnlyBeAccessedByLayers("store", "chat", "watch", "cli")
          .whereLayer("gateway")
          .mayOnlyBeAccessedByLayers("chat", "watch", "cli")
          .whereLayer("smsc")
          .mayOnlyBeAccessedByLayers("access", "store", "gateway", "status", "chat", "watch", "cli")
          .whereLayer("message")
          .mayOnlyBeAccessedByLayers("chat", "watch", "adapters", "cli")
          .whereLayer("status")
          .mayOnlyBeAccessedByLayers("chat", "watch", "cli")
          // The application's configuration is read by the wiring, and by ops, which masks its
          // secrets in logs and checks it for health; every package below takes a settings record
          // of its own (SmscSettings, GatewaySettings, TelegramSettings), made in cli.
          .whereLayer("config")
          .mayOnlyBeAccessedByLayers("ops", "cli")
          // The words and times a reader sees: whoever talks to a reader, the store, which keeps a
          // chat's language and zone typed, and status, whose report of the watcher is said in
          // the words of a reader the watcher does not know (status.Wording takes their Texts).
          .whereLayer("i18n")
          .mayOnlyBeAccessedByLayers("chat", "watch", "store", "status", "adapters", "cli");

  @ArchTest
  static final ArchRule noCycleBetweenPackages =
      slices().matching(ROOT + "(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule chatAndWatchMeetOnlyThroughPortsBelowThem =
      noClasses()
          .that()
          .resideInAPackage(ROOT + "chat..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ROOT + "watch..")
          .andShould()
          .dependOnClassesThat()
          .resideInAPackage(ROOT + "watch..");

  @ArchTest
  static final ArchRule watchNeverUsesChat =
      noClasses()
          .that()
          .resideInAPackage(ROOT + "watch..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ROOT + "chat..");

  @ArchTest
  static final ArchRule telegramBotsStaysInTheAdapter =
      noClasses()
          .that()
          .resideOutsideOfPackage(ROOT + "telegram..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.telegram..");

  @ArchTest
  static final ArchRule smscKnowsNothingOfTheApplication =
      noClasses()
          .that()
          .resideInAPackage(ROOT + "smsc..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ROOT + "config..",
              ROOT + "gateway..",
              ROOT + "store..",
              ROOT + "chat..",
              ROOT + "watch..",
              ROOT + "telegram..",
              ROOT + "cli..");

  @ArchTest
  static final ArchRule i18nKnowsNothingOfTheApplication =
      noClasses()
          .that()
          .resideInAPackage(ROOT + "i18n..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ROOT + "config..",
              ROOT + "store..",
              ROOT + "message..",
              ROOT + "chat..",
              ROOT + "watch..",
              ROOT + "telegram..",
              ROOT + "cli..");

  @ArchTest
  static final ArchRule theSystemClockIsReadOnlyByTheTimePackageAndTheWiring =
      noClasses()
          .that()
          .resideOutsideOfPackages(ROOT + "time..", ROOT + "cli..")
          .should()
          .callMethod(Clock.class, "systemUTC")
          .orShould()
          .callMethod(Clock.class, "systemDefaultZone")
          .orShould()
          .callMethod(Instant.class, "now")
          .orShould()
          .callMethod(Thread.class, "sleep", long.class)
          .orShould()
          .callMethod(Thread.class, "sleep", long.class, int.class);
}
